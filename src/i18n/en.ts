// Every user-facing string of the PWA. Another language is another file typed as `Messages`.
import { template } from '@solid-primitives/i18n';

export const en = {
  common: {
    close: 'Close',
  },
  app: {
    name: 'Switchboard',
    skipToContent: 'Skip to content',
    loading: 'Loading…',
  },
  nav: {
    label: 'Main',
    tasks: 'Tasks',
    phone: 'Phone',
    contacts: 'Contacts',
    history: 'History',
    admin: 'Admin',
  },
  status: {
    prefix: 'Status:',
    ready: 'Ready',
    busy: 'Busy',
    break: 'Break',
    offline: 'Offline',
    since: template<{ elapsed: string }>('for {{ elapsed }}'),
  },
  sync: {
    offline: 'Offline',
  },
  shell: {
    switchInstance: 'Switch instance',
    currentInstance: 'Current instance',
    about: 'About Switchboard',
    signOut: 'Sign out',
  },
  roles: {
    agent: 'Agent',
    team_leader: 'Team leader',
    admin: 'Admin',
  },
  signin: {
    title: 'Sign in',
    heading: 'Sign in to Switchboard',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    wrongCredentials: 'Wrong email or password.',
    rateLimited: template<{ seconds: number }>(
      'Too many attempts. Try again in {{ seconds }} seconds.',
    ),
    forgot: 'Forgot password?',
    passwordChanged: 'Password changed. Sign in with your new password.',
    sessionEnded: 'Your session has ended. Sign in again.',
  },
  reset: {
    title: 'Reset password',
    heading: 'Reset your password',
    intro: 'Enter the email you sign in with and we will send you a link to set a new password.',
    email: 'Email',
    submit: 'Send reset link',
    sent: template<{ email: string }>(
      'If an account exists for {{ email }}, a reset link is on its way. Check your inbox.',
    ),
    backToSignIn: 'Back to sign in',
  },
  newPassword: {
    title: 'Set a new password',
    heading: 'Set a new password',
    password: 'New password',
    repeat: 'Repeat password',
    hint: 'At least 10 characters.',
    submit: 'Set password',
    tooShort: 'Use at least 10 characters.',
    tooLong: 'Use at most 256 characters.',
    mismatch: 'The passwords do not match.',
    invalidLink: 'This reset link is invalid or has expired. Request a new one.',
    requestNew: 'Request a new link',
  },
  invite: {
    title: 'Invitation',
    heading: template<{ instance: string }>('Join {{ instance }}'),
    intro: template<{ instance: string; role: string; email: string }>(
      'You are invited to {{ instance }} as {{ role }}, with the email {{ email }}.',
    ),
    name: 'Your name',
    password: 'New password',
    accept: 'Accept invitation',
    invalid:
      'This invitation link is invalid, has already been used or has expired. Ask your administrator for a new one.',
    signInFirst: template<{ email: string }>(
      'You already have an account. Sign in as {{ email }} to accept this invitation.',
    ),
    signIn: 'Sign in',
    wrongAccount: template<{ current: string; email: string }>(
      'You are signed in as {{ current }}. Sign out, then sign in as {{ email }} to accept.',
    ),
    signOut: 'Sign out',
  },
  instances: {
    title: 'Choose an instance',
    heading: 'Choose an instance',
    intro: 'You belong to more than one instance. Pick the one to work in; you can switch later.',
    current: 'Current',
    lastUsed: 'Last used',
  },
  tasks: {
    title: 'Tasks',
    table: 'Tasks',
    columns: {
      type: 'Type',
      customer: 'Customer',
      title: 'Title',
      status: 'Status',
      assignee: 'Assignee',
      priority: 'Priority',
      due: 'Due',
    },
    types: {
      call: 'Call',
      email: 'Email',
      chat: 'Chat',
      manual: 'Manual task',
    },
    statuses: {
      open: 'Open',
      pending: 'Pending',
      resolved: 'Resolved',
    },
    unassigned: 'Unassigned',
    noDue: 'No due time',
    overdue: 'Overdue',
    loading: 'Loading tasks…',
    empty: 'No tasks in this instance yet.',
    count: (n: number) => (n === 1 ? '1 task' : `${n} tasks`),
  },
  phone: {
    title: 'Phone',
    heading: 'Phone',
    number: 'Number',
    call: 'Call',
    notConnected: 'The phone is not connected yet',
  },
  contacts: {
    title: 'Contacts',
    emptyHeading: 'No contacts yet',
    emptyBody: 'The shared address book will be listed here.',
  },
  history: {
    title: 'History',
    emptyHeading: 'No calls yet',
    emptyBody: 'Calls you make and receive will be listed here.',
  },
  admin: {
    title: 'Admin',
    members: 'Members',
    columns: {
      name: 'Name',
      email: 'Email',
      role: 'Role',
      extension: 'Extension',
    },
    noExtension: 'None',
    inviteHeading: 'Invite user',
    email: 'Email',
    role: 'Role',
    name: 'Name (optional)',
    sendInvitation: 'Send invitation',
    invitationSent: template<{ email: string }>('Invitation sent to {{ email }}.'),
    alreadyInvited: 'This person is already a member or has a pending invitation.',
    adminsOnly: 'Only admins of this instance can see this page.',
  },
  about: {
    title: 'About Switchboard',
    version: 'Version',
    build: 'Build',
    server: 'Server',
    serverUnavailable: 'Unavailable',
  },
  update: {
    ready: 'A new version is ready',
    reload: 'Reload',
  },
  toast: {
    region: template<{ hotkey: string }>('Notifications ({{ hotkey }})'),
    dismiss: 'Dismiss',
  },
  session: {
    unreachableHeading: 'Can’t reach Switchboard',
    unreachableBody: 'Check your connection. We will try again when you are back online.',
  },
  errors: {
    network: 'Can’t reach the server. Check your connection and try again.',
    rateLimited: template<{ seconds: number }>(
      'Too many requests. Try again in {{ seconds }} seconds.',
    ),
    forbidden: 'You do not have permission to do that.',
    invalidInput: 'Check what you entered and try again.',
    generic: 'Something went wrong. Try again.',
    retry: 'Try again',
  },
};

type Widen<T> = T extends (...args: infer A) => string
  ? (...args: A) => string
  : T extends string & { __template_args: infer A }
    ? string & { __template_args: A }
    : T extends string
      ? string
      : { [K in keyof T]: Widen<T[K]> };

/** The shape every language file must have: same keys, same template arguments. */
export type Messages = Widen<typeof en>;

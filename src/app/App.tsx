import { Navigate, Route, Router, type RouteSectionProps } from '@solidjs/router';
import { lazy, type JSX } from 'solid-js';
import { ToastHost } from '../ui';
import { SignInPage } from './auth/SignInPage';
import { Shell } from './shell/Shell';
import { SkipLink } from './SkipLink';
import { TasksPage } from './tasks/TasksPage';

// Sign-in and Tasks are the two first screens, so they ship in the entry chunk; the rest loads on use.
const ResetRequestPage = lazy(() => import('./auth/ResetRequestPage'));
const NewPasswordPage = lazy(() => import('./auth/NewPasswordPage'));
const InvitePage = lazy(() => import('./auth/InvitePage'));
const InstancePickerPage = lazy(() => import('./auth/InstancePickerPage'));
const PhonePage = lazy(() => import('./phone/PhonePage'));
const TaskDetailPage = lazy(() => import('./tasks/TaskDetailPage'));
const ContactsPage = lazy(() => import('./contacts/ContactsPage'));
const HistoryPage = lazy(() => import('./phone/HistoryPage'));
const AdminPage = lazy(() => import('./admin/AdminPage'));
const TeamPage = lazy(() => import('./team/TeamPage'));

function Root(props: RouteSectionProps): JSX.Element {
  return (
    <>
      <SkipLink />
      {props.children}
      <ToastHost />
    </>
  );
}

export function App(): JSX.Element {
  return (
    <Router root={Root}>
      <Route path="/signin" component={SignInPage} />
      <Route path="/reset" component={ResetRequestPage} />
      <Route path="/reset/:token" component={NewPasswordPage} />
      <Route path="/invite/:token" component={InvitePage} />
      <Route path="/instances" component={InstancePickerPage} />
      <Route path="/" component={Shell}>
        <Route path="/" component={() => <Navigate href="/tasks" />} />
        <Route path="/tasks" component={TasksPage} />
        <Route path="/tasks/:id" component={TaskDetailPage} />
        <Route path="/phone" component={PhonePage} />
        <Route path="/contacts" component={ContactsPage} />
        <Route path="/history" component={HistoryPage} />
        <Route path="/team" component={TeamPage} />
        <Route path="/admin" component={AdminPage} />
        <Route path="*" component={() => <Navigate href="/tasks" />} />
      </Route>
    </Router>
  );
}

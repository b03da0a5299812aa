export { EmptyState } from './EmptyState';
export { Icon, type IconName } from './Icon';
export { Logo } from './Logo';
export { TextField } from './TextField';
export { showToast, ToastHost, type ToastAction, type ToastOptions } from './toast';
export { TableMessage } from './TableMessage';

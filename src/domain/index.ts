export * from './types';
export * from './nav';
export * from './agent-status';
export * from './tasks';
export * from './dial';
export * from './password';
export * from './phone';
export * from './phone-tab';

import type { AppContext } from '../../context.js';
import type { App } from '../types.js';
import { healthRoutes } from './health.js';
import { invitationRoutes } from './invitations.js';
import { memberRoutes } from './members.js';
import { openApiRoutes } from './openapi.js';
import { passwordResetRoutes } from './password-reset.js';
import { sessionRoutes } from './session.js';
import { sipRoutes } from './sip.js';
import { taskRoutes } from './tasks.js';

export function registerRoutes(app: App, ctx: AppContext): void {
  healthRoutes(app, ctx);
  sessionRoutes(app, ctx);
  taskRoutes(app, ctx);
  memberRoutes(app, ctx);
  invitationRoutes(app, ctx);
  passwordResetRoutes(app, ctx);
  sipRoutes(app, ctx);
  openApiRoutes(app);
}

import type { AppContext } from '../../context.js';
import type { App } from '../types.js';
import { acdRoutes } from './acd.js';
import { attachmentRoutes } from './attachments.js';
import { healthRoutes } from './health.js';
import { instanceSettingsRoutes } from './instance-settings.js';
import { invitationRoutes } from './invitations.js';
import { memberRoutes } from './members.js';
import { openApiRoutes } from './openapi.js';
import { passwordResetRoutes } from './password-reset.js';
import { routingRoutes } from './routing.js';
import { sessionRoutes } from './session.js';
import { sipRoutes } from './sip.js';
import { statusRoutes } from './statuses.js';
import { syncSocketRoutes } from './sync-socket.js';
import { syncRoutes } from './sync.js';
import { taskRoutes } from './tasks.js';

export function registerRoutes(app: App, ctx: AppContext): void {
  healthRoutes(app, ctx);
  sessionRoutes(app, ctx);
  taskRoutes(app, ctx);
  memberRoutes(app, ctx);
  instanceSettingsRoutes(app, ctx);
  statusRoutes(app, ctx);
  invitationRoutes(app, ctx);
  passwordResetRoutes(app, ctx);
  sipRoutes(app, ctx);
  syncRoutes(app, ctx);
  routingRoutes(app, ctx);
  acdRoutes(app, ctx);
  syncSocketRoutes(app, ctx);
  attachmentRoutes(app, ctx);
  openApiRoutes(app);
}

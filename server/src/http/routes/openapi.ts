import type { App } from '../types.js';

export function openApiRoutes(app: App): void {
  app.get('/api/openapi.json', { schema: { summary: 'This OpenAPI document' } }, async () =>
    app.swagger(),
  );
}

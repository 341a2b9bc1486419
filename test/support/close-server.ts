import type { Server } from 'node:http';

/** Closes a test HTTP server now: keep-alive connections included, so nothing keeps the process alive. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

// H5: the service worker that keeps the app's shell (server/http/offline-shell.ts), so that the
// app opens, and its offline queue can be seen and synced, after a reload with no signal.
// (The mini-program's package is on the phone already: offline-shell.ts does nothing.)
export const registerOfflineShell = () => {
  if (!('serviceWorker' in navigator)) return
  // Only where the server gives one (not the webpack dev server), and only on a secure origin.
  navigator.serviceWorker.register('/sw.js').catch(() => undefined)
}

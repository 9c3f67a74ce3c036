// Shared by the seeker's page and the console: starts a SignalR connection, and when the first
// attempt fails (a web front restarting as the page loads) keeps trying with a growing pause,
// calling onRetry before each pause so that the page can say what is going on.
"use strict";

window.startConnection = async (connection, onRetry) => {
  for (let attempt = 0; ; attempt++) {
    try {
      await connection.start();
      return;
    } catch {
      onRetry();
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * (attempt + 1), 10000)));
    }
  }
};

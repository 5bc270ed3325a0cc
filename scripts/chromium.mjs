// Debian's Chromium as this machine and CI start it (as root, headless): the elements' browser
// tests and the demo's end-to-end journey launch it through Playwright, never a downloaded one.

/** The browser: CHROMIUM_PATH, else Debian's package. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The flags it needs here. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

#!/usr/bin/env node
// The `sspr` command, from the compiled package (`npm run build`, which `npm install` runs).
import "../dist/cli/main.js";

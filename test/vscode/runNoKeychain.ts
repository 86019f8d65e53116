// Runs the mocha suite in test/vscode/nokeychain inside a real VS Code (see runner.ts) with no Secret Service
// reachable: no D-Bus session bus and no display, so keytar fails the way it does on a headless machine. Do NOT run it
// inside scripts/with-keyring.sh.
//   node out/test/vscode/runNoKeychain.js
import { runSuite } from './runner';

// runTests passes process.env down to code-server and so to the extension host.
for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY']) delete process.env[name];
runSuite('nokeychain', 'mam-vscode-nokeychain-');

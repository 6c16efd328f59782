// Imported before Ink. Ink decides at import time (through `is-in-ci`) that a process with `CI` set
// writes only its last frame, at exit: right for build logs, a blank screen for an admin who runs
// the TUI from a CI runner's shell or a tmux pane that inherited it. The TUI is interactive by
// definition, so on a real terminal that setting is dropped.
if (process.stdout.isTTY) {
  for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) {
    if (name in process.env) process.env[name] = 'false';
  }
}

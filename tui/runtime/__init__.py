"""The UI-free runtime: loading off the UI thread, watching files, reload scheduling,
baselines, keymap config, paths and crash logs. No Textual, no Rich."""

"""The board's theme: Textual's dark theme with every text/background pair readable.

Every pair of colours the board draws is at least 4.5:1 (WCAG AA; 3:1 for borders and
scrollbars) in truecolor AND as a 256- or 16-colour terminal shows it (Rich downgrades
each colour to the nearest of the terminal's; tests/test_contrast.py measures every
screen in all three). What that asks of the colours:

- backgrounds dark enough to become black in 16 colours (Rich's nearest match; a panel
  like Textual's #242F38 becomes grey #7F7F7F there, and white text on it is 4:1);
- the focus colour a calm cyan that stays cyan (Textual's orange accent becomes bright
  red in 16 colours: an alarm where there is none);
- the cursor row white on a blue that stays blue (Textual's #0178D4 becomes cyan
  #00CDCD, 2:1 under white text);
- no `dim` text: a terminal draws it at about half the contrast, its own way.
"""

from __future__ import annotations

from rich.terminal_theme import TerminalTheme
from textual.app import App
from textual.theme import Theme

__all__ = [
    "SITBOARD_ANSI",
    "SITBOARD_THEME",
    "FOCUS",
    "MUTED",
    "BORDER",
    "MUTED_STYLE",
    "GREEN",
    "CYAN",
    "YELLOW",
    "ORANGE",
    "RED",
    "MAGENTA",
]

FOCUS = "#5fd7ff"  # the focused pane's border and title, section headings, the footer's keys
MUTED = "#aab4be"  # secondary text: column heads, stale rows, an unfocused pane's title (4.5:1 on the cursor too)
MUTED_STYLE = MUTED  # as a Rich style: what `dim` was (dim text is the terminal's guess at half contrast)
BORDER = "#6e7c8a"  # an unfocused pane's border (a graphic: 3:1 is enough)

# The colours of confidence, flags and marks, as hex: a Rich style "red" in a Static is
# drawn as Rich's own #800000 (2:1 on the dark panes), not through the theme. Each is
# 4.5:1 on the panes in every colour system (and on the cursor row in truecolor and 256).
GREEN = "#98e024"
CYAN = "#58d1eb"
YELLOW = "#e0d561"
ORANGE = "#fd971f"
RED = "#ff8787"
MAGENTA = "#ff79c6"

SITBOARD_THEME = Theme(
    name="sitboard",
    primary="#0178D4",
    secondary="#004578",
    accent=FOCUS,
    warning="#ffa62b",
    error="#ba3c5b",
    success="#4EBF71",
    foreground="#e0e0e0",
    background="#121212",
    surface="#1e1e1e",
    panel="#1a222b",
    dark=True,
    variables={
        "text-muted": MUTED,
        "text-disabled": "#8a96a3",
        "foreground-muted": MUTED,
        "foreground-disabled": "#8a96a3",
        "block-cursor-background": "#0a2f86",
        "block-cursor-foreground": "#ffffff",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#10243c",
        "block-cursor-blurred-foreground": "#e0e0e0",
        "block-cursor-blurred-text-style": "none",
        "border": FOCUS,
        "border-blurred": BORDER,
        "scrollbar": "#7a8a9a",
        "scrollbar-hover": "#8a96a3",
        "scrollbar-active": FOCUS,
        "scrollbar-background": "#121212",
        "scrollbar-background-hover": "#121212",
        "scrollbar-background-active": "#121212",
        "scrollbar-corner-color": "#121212",
        "footer-background": "#1a222b",
        "footer-key-foreground": FOCUS,
        "footer-description-foreground": "#e0e0e0",
        "input-selection-background": "#0a2f86",
        "input-selection-foreground": "#ffffff",
        "input-cursor-background": "#e0e0e0",
        "input-cursor-foreground": "#121212",
    },
)

# The named colours our cells use ("bold red" for disputed, "magenta" for unconfirmed,
# ansi_green for a new item ...) as Textual draws them in truecolor (it maps ANSI names
# through this table, App.ansi_theme_dark): Textual's Monokai table with the colours that
# were under 4.5:1 on the panes lightened (red #F4005F was 4:1, and its magenta was the
# same red; blue #9D65FF and bright black #625E4C too dark). In 16 colours the terminal
# draws its own red, magenta ...: what Rich's downgrade of these picks.
SITBOARD_ANSI = TerminalTheme(
    (12, 12, 12),
    (217, 217, 217),
    [
        (26, 26, 26),
        (255, 95, 95),  # red
        (152, 224, 36),  # green
        (253, 151, 31),  # yellow
        (143, 168, 255),  # blue
        (255, 121, 198),  # magenta
        (88, 209, 235),  # cyan
        (196, 197, 181),  # white
        (154, 154, 154),  # bright black
    ],
    [
        (255, 107, 107),
        (152, 224, 36),
        (224, 213, 97),
        (160, 160, 255),
        (255, 106, 213),
        (88, 209, 235),
        (246, 246, 239),
    ],
)


def use_theme(app: App) -> None:
    """The board's theme and ANSI colours for `app` (called in its __init__, before the
    stylesheet is first read). Set with `set_reactive`, which calls no watcher: each watcher
    would have Textual parse the whole stylesheet again (App.refresh_css), twice at every
    start for what the first parse already reads (its variables come from `current_theme`).
    What the watchers would also do is done here or by the app class: the theme's class
    here; the ANSI colours are SitboardApp's class default of `ansi_theme_dark`, from which
    App.__init__ builds its truecolor filter."""
    app.register_theme(SITBOARD_THEME)
    app.set_reactive(App.theme, SITBOARD_THEME.name)
    app.stylesheet.set_variables(app.get_css_variables())  # (App.__init__ took the default theme's)
    app.set_class(True, f"-theme-{SITBOARD_THEME.name}")

"""Light on the wire (issue 14): the board writes only the terminal cells that changed.

Textual repaints whole regions (a focus change repaints the screen, a search letter every
pane) and writes each run of cells as its full style, the text and a reset. Over a 64 kbit/s
SSH link that is seconds per key. `WireDriver` (driver.py) is Textual's own Linux driver
with one change: what the app writes goes through a `Wire` (mirror.py), which keeps the
screen as Textual believes it drew it and the screen as the terminal has it, and writes the
difference, moving the cursor and changing the style (pen.py) as little as it can. The
terminal ends up exactly where Textual's own output would have left it.
"""

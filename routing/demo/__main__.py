"""``python -m routing.demo``: rewrite the demo directory's CSV files from ``network.py``."""

from routing.demo.network import DIRECTORY, write

write()
print(f"wrote {DIRECTORY}")

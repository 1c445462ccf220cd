"""``python -m strategie_correction`` : la même commande que ``strategie corriger``."""

import sys

from strategie_correction.cli import main

sys.exit(main())

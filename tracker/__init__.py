"""Interprovincial agreement and action-item tracker (Bali–NTT)."""

import os

# Piccolo finds its engine and apps through this module; set before any table loads.
os.environ.setdefault("PICCOLO_CONF", "tracker.piccolo_conf")

__version__ = "0.1.0"

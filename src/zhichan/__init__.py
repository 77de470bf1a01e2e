"""zhichan (知产): Guangzhou's IP protection and utilization platform."""

__version__ = "0.1.0"

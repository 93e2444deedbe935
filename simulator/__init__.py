"""collectsim: practise the first collection call against scripted debtor personas."""

__version__ = "0.1.0"

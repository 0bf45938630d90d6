"""jiangjin: ask questions of a fact base about one Chinese news article."""

__version__ = "0.1.0"

"""Run the helper tests in the notebooks' numeric environment, as the Makefile does."""

import helpers.environment

helpers.environment.pin_numerics()

import matplotlib  # noqa: E402

matplotlib.use("Agg")

"""Plan monitoring and evaluation (M1): the plan's tasks, boxed projects and indicators, live."""

from hypothesis import HealthCheck, settings

# No example database: it would write a .hypothesis folder into the project. The tests use
# pytest fixtures (the database is rolled back after each test, not after each example).
settings.register_profile(
    "robustness",
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("robustness")

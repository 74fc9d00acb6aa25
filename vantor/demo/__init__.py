"""The demo store: product copy, generated pictures and the builder behind `load_demo_store`."""

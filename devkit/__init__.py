"""Developer tools the product does not carry: the benchmark and the loopback door board.

`rentdesk bench` loads this package only when asked (through the composition root,
rentdesk/__main__.py); the frozen build excludes it. It may import every layer below it.
"""

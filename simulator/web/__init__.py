"""`collectsim serve`: the same apps in a browser, one process per tab (textual-serve).

The engine and rubric stay pure; this package only spawns the Textual apps behind a
websocket, decides who is who, and keeps a web user's calls in the results store so any
server on the same database can resume them.
"""

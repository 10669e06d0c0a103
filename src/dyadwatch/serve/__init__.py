"""The dashboard and JSON API (the only package that imports FastAPI).

    app = create_app(Settings(db=Path("dyadwatch.duckdb")))

Run it with ``dyadwatch serve`` (uvicorn on 127.0.0.1:8000 by default).
"""

from dyadwatch.serve.app import Settings, create_app

__all__ = ["Settings", "create_app"]

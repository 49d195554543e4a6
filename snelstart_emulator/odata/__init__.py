"""OData v3 query options as SnelStart's ASP.NET Web API (System.Web.Http.OData) understands them.

lexer → parser (AST) → compiler (type-checks against an entity schema, yields a predicate) → query
(applies $filter, $orderby, $skip, $top, $select to a collection).
"""

from __future__ import annotations

from snelstart_emulator.odata.errors import ODataError

__all__ = ["ODataError"]

"""A small Dutch web UI that plays SnelStart for demos: couplings, customers, articles, orders."""

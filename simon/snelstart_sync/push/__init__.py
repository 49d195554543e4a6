"""Push (S9–S22): every archived work order becomes exactly one SnelStart sales order.

``intent`` records the export in the archive's transaction; ``send`` claims and sends it;
``payload`` (pure) builds the order; ``readiness`` and ``refusals`` say in the user's words what
stops it; ``lookup`` finds an order by its marker; ``status``, ``preview`` and ``hooks`` feed the
work order screens; ``sweep`` finds what is due again.
"""

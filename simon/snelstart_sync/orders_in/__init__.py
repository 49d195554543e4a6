"""Orders in (S23–S26): SnelStart sales orders become work orders, once.

``mapping`` (pure) decides whether an order qualifies and what work order it becomes; ``take``
stores a page of the sales order stream and takes orders that waited for their customer.
"""

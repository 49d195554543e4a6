"""`python -m snelstart_emulator`: run the emulator standalone.

    python -m snelstart_emulator --port 8765 --seed 42 --customers 1000 --articles 5000 \
        --client-key KEY --subscription-key SUB --data state.json
"""

from __future__ import annotations

import argparse
import gc
import logging
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from snelstart_emulator.app import create_app
from snelstart_emulator.config import DEFAULT_DELETE_MODE, DEFAULT_SUBSCRIPTION_KEY, Settings
from snelstart_emulator.demo_data import DemoSpec, create_administration
from snelstart_emulator.faults import FaultConfig
from snelstart_emulator.state import Store


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="snelstart_emulator", description="SnelStart B2B API v2 emulator"
    )
    add = parser.add_argument
    add("--host", default="127.0.0.1")
    add("--port", type=int, default=8765)
    add("--name", default=None, help="name of the demo administration")
    add("--seed", type=int, default=42)
    add("--customers", type=int, default=50)
    add("--articles", type=int, default=200)
    add("--groups", type=int, default=6)
    add("--templates", type=int, default=3)
    add("--orders", type=int, default=5)
    add(
        "--no-demo",
        action="store_true",
        help="administration without demo customers/articles/orders",
    )
    add("--client-key", default=None, help="koppelsleutel to pre-register (generated when absent)")
    add(
        "--subscription-key",
        action="append",
        default=None,
        help="valid subscription key (repeatable)",
    )
    add("--admin-token", default=None, help="protect /admin with this bearer token")
    add(
        "--data",
        type=Path,
        default=None,
        help="JSON file: loaded at start, saved on change and shutdown",
    )
    add("--latency-ms", type=float, default=0.0)
    add("--rate-limit", type=int, default=None, help="calls per administration per minute")
    add("--rate-limit-hour", type=int, default=None, help="calls per administration per hour")
    add("--error-rate", type=float, default=0.0, help="fraction of calls answered 500/503")
    add("--timeout-rate", type=float, default=0.0)
    add("--timeout-seconds", type=float, default=30.0)
    add("--lost-response-rate", type=float, default=0.0)
    add("--lost-response-mode", choices=("drop", "504"), default="drop")
    add("--fault-seed", type=int, default=0)
    add(
        "--token-lifetime",
        type=float,
        default=None,
        help="token lifetime in seconds (default 3599)",
    )
    add("--strict-top", action="store_true", help="$top > 500 answers 400 instead of clamping")
    add("--delete-mode", choices=("hard", "soft"), default=DEFAULT_DELETE_MODE)
    add("--log-level", default="info")
    return parser.parse_args(argv)


def build(args: argparse.Namespace) -> tuple[object, Store]:
    settings = Settings(
        strict_top=args.strict_top,
        delete_mode_relaties=args.delete_mode,
        delete_mode_artikelen=args.delete_mode,
    )
    if args.token_lifetime is not None:
        settings.update({"token_lifetime_seconds": args.token_lifetime})
    store = Store(settings)
    store.subscription_keys = {
        key: True for key in (args.subscription_key or [DEFAULT_SUBSCRIPTION_KEY])
    }
    store.faults = FaultConfig(
        latency_ms=args.latency_ms,
        rate_limit_per_minute=args.rate_limit,
        rate_limit_per_hour=args.rate_limit_hour,
        error_rate=args.error_rate,
        timeout_rate=args.timeout_rate,
        timeout_seconds=args.timeout_seconds,
        lost_response_rate=args.lost_response_rate,
        lost_response_mode=args.lost_response_mode,
        seed=args.fault_seed,
    )
    spec = DemoSpec(
        name=args.name,
        demo=not args.no_demo,
        seed=args.seed,
        customers=args.customers,
        articles=args.articles,
        groups=args.groups,
        templates=args.templates,
        orders=args.orders,
    )

    def startup(target: Store) -> None:
        create_administration(target, spec, args.client_key)

    app = create_app(store, admin_token=args.admin_token, data_file=args.data, startup=startup)
    if args.client_key and args.client_key not in store.client_keys:
        # State loaded from --data does not know this key yet: give it its own administration.
        startup(store)
    return app, store


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper())
    app, store = build(args)
    base = f"http://{args.host}:{args.port}"
    print(f"SnelStart emulator on {base}")
    print(f"  token URL : {base}/b2b/token")
    print(f"  API base  : {base}/v2")
    print(f"  admin API : {base}/admin   web UI: {base}/")
    print(f"  subscription key(s): {', '.join(store.subscription_keys)}")
    for key in store.client_keys.values():
        admin = store.administrations[key.administration_id]
        print(f"  koppelsleutel for '{admin.name}' ({admin.id}): {key.key}")
    # The demo data (100,000s of records for a benchmark) lives as long as the process; frozen,
    # the collector's full collections no longer walk it on every burst of allocations (they
    # made the first read of 100,000 articles, which fills the JSON cache, markedly slower).
    gc.freeze()
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, http="h11")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()

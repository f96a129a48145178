#!/usr/bin/env python3
"""Extracts compact instrument fixtures for LegateSymbologyTests from /work/shared/data.

Run once: python3 extract_fixtures.py /work/shared/data <Fixtures dir>. Output is JSON Lines, one instrument a
line, with the venue list's own fields normalised to one schema (see ../SOURCES.md for the mapping).
Strikes keep the source's exact text (JSON numbers are read as text, never as floats).
"""
import json, os, re, sys

DATA, OUT = sys.argv[1], sys.argv[2]
DERIBIT_PERPETUAL_SENTINEL_MS = 32503708800000  # 3000-01-01T08:00Z, Deribit's "no expiry"
BINANCE_PERPETUAL_SENTINEL_MS = 4133404800000  # 2100-12-25T08:00Z, Binance's "no expiry"


def load(path):
    with open(os.path.join(DATA, path)) as f:
        return json.load(f, parse_float=str, parse_int=str)


def recorded(path):
    """cryptofeed `*.0` file: `<url> -> <ts>: <json>` lines, then a `configuration:` line."""
    for line in open(os.path.join(DATA, path)):
        if line.startswith("configuration:"):
            continue
        url, rest = line.split(" -> ", 1)
        yield url, json.loads(rest.split(": ", 1)[1], parse_float=str, parse_int=str)


def ms(text):
    return int(text) if text not in (None, "") else None


def row(symbol, source, kind, base, quote, settle, inverse, market=None, strike=None, right=None, expiry=None,
        legs=None):
    r = {"symbol": symbol, "market": market, "kind": kind, "base": base, "quote": quote, "settle": settle,
         "inverse": inverse, "strike": strike, "right": right, "expiry_ms": expiry, "source": source}
    if legs is not None:
        r["legs"] = legs
    return r


def write(name, rows):
    seen, out = set(), []
    for r in rows:
        key = (r["symbol"], r.get("market"))
        if key not in seen:
            seen.add(key)
            out.append(r)
    with open(os.path.join(OUT, name), "w") as f:
        for r in out:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    print(name, len(out))


def deribit_row(i, source):
    kind = {"option": "option", "future": "future", "future_combo": "combo", "option_combo": "combo"}[i["kind"]]
    if i.get("settlement_period") == "perpetual":
        kind = "perpetual"
    base = i["base_currency"]
    settle = i.get("settlement_currency", base)  # 2021 BTC/ETH lists predate the field; both are coin-settled
    typ = i.get("instrument_type") or i.get("future_type")
    inverse = typ == "reversed" if typ else settle == base
    expiry = None if kind == "perpetual" else ms(i.get("expiration_timestamp"))
    right = {"call": "call", "put": "put"}.get(i.get("option_type"))
    r = row(i["instrument_name"], source, kind, base, i.get("counter_currency", "USD"), settle, inverse,
            strike=i.get("strike"), right=right, expiry=expiry)
    if expiry is not None and expiry % 86_400_000 != 8 * 3_600_000 and source.startswith("nautilus/"):
        # hand-made doc example (round instrument_id): 12:00 UTC, unlike every real Deribit expiry (08:00)
        r["expiry_ms"] = None
        r["note"] = "hand-made example: expiration_timestamp %d is not 08:00 UTC; expiry not checked" % expiry
        print("  not checking expiry of", i["instrument_name"], "from", source)
    return r


def deribit():
    rows = []
    for url, body in recorded("cryptofeed/DERIBIT.0"):
        currency = re.search(r"currency=(\w+)", url).group(1)
        rows += [deribit_row(i, "cryptofeed/DERIBIT.0 currency=" + currency) for i in body["result"]]
    for f in ["http_get_instruments.json", "http_get_instrument.json", "http_get_instrument_option.json",
              "http_get_instruments_future_combo.json", "http_get_instruments_option_combo.json"]:
        result = load("nautilus/deribit/" + f)["result"]
        for i in result if isinstance(result, list) else [result]:
            if i["instrument_name"] == "BTC-COMBO-1":  # hand-made placeholder, no real combo code: bad-input test
                continue
            rows.append(deribit_row(i, "nautilus/deribit/" + f))
    write("deribit_instruments.jsonl", rows)
    combos = [{"symbol": c["id"], "legs": [{"symbol": l["instrument_name"], "ratio": int(l["amount"])}
                                           for l in c["legs"]], "source": "nautilus/deribit/http_get_combos.json"}
              for c in load("nautilus/deribit/http_get_combos.json")["result"]]
    with open(os.path.join(OUT, "deribit_combos.jsonl"), "w") as f:
        for c in combos:
            f.write(json.dumps(c, separators=(",", ":")) + "\n")
    print("deribit_combos.jsonl", len(combos))


def okx_row(i, source):
    t = i["instType"]
    right = {"C": "call", "P": "put"}.get(i.get("optType"))
    if t in ("SPOT", "MARGIN"):
        return row(i["instId"], source, "spot", i["baseCcy"], i["quoteCcy"], i["quoteCcy"], False)
    base, quote = i["uly"].split("-")
    kind = {"SWAP": "perpetual", "FUTURES": "future", "OPTION": "option"}[t]
    inverse = i["ctType"] == "inverse" if t != "OPTION" else i["settleCcy"] == base
    return row(i["instId"], source, kind, base, quote, i["settleCcy"], inverse, strike=i.get("stk") or None,
               right=right, expiry=ms(i.get("expTime")))


def okx():
    rows = []
    for url, body in recorded("cryptofeed/OKX.0"):  # the recording repeats the same five responses five times
        query = url.split("?", 1)[1]
        rows += [okx_row(i, "cryptofeed/OKX.0 " + query) for i in body["data"]]
    for f in ["option", "futures", "swap", "spot", "margin"]:
        rows += [okx_row(i, "nautilus/okx/http_get_instruments_%s.json" % f)
                 for i in load("nautilus/okx/http_get_instruments_%s.json" % f)["data"]]
    write("okx_instruments.jsonl", rows)
    spreads = [{"symbol": s["sprdId"], "sprd_type": s["sprdType"], "base": s["baseCcy"], "quote": s["quoteCcy"],
                "legs": [{"symbol": l["instId"], "ratio": {"buy": 1, "sell": -1}[l["side"]]} for l in s["legs"]],
                "source": "nautilus/okx/http_get_spreads.json"} for s in load("nautilus/okx/http_get_spreads.json")["data"]]
    with open(os.path.join(OUT, "okx_spreads.jsonl"), "w") as f:
        for s in spreads:
            f.write(json.dumps(s, separators=(",", ":")) + "\n")
    print("okx_spreads.jsonl", len(spreads))


def binance():
    rows = []
    spot_files = [("cryptofeed/BINANCE.0", None), ("nautilus/binance/py_resources/http_responses/"
                  "http_spot_market_exchange_info.json", 0), ("nautilus/binance/spot/http_json/exchange_info_response.json", 0)]
    for path, _ in spot_files:
        infos = [b for _, b in recorded(path)] if path.startswith("cryptofeed") else [load(path)]
        for info in infos:
            rows += [row(s["symbol"], path, "spot", s["baseAsset"], s["quoteAsset"], s["quoteAsset"], False, "spot")
                     for s in info["symbols"]]
    for path in ["cryptofeed/BINANCE_FUTURES.0", "nautilus/binance/py_resources/http_responses/"
                 "http_futures_market_exchange_info.json"]:
        infos = [b for _, b in recorded(path)] if path.startswith("cryptofeed") else [load(path)]
        for info in infos:
            for s in info["symbols"]:
                # contractType "" (BTCSTUSDT, being delisted) carries the perpetual delivery sentinel
                perpetual = ms(s["deliveryDate"]) >= BINANCE_PERPETUAL_SENTINEL_MS
                rows.append(row(s["symbol"], path, "perpetual" if perpetual else "future", s["baseAsset"],
                                s["quoteAsset"], s["marginAsset"], False, "linear",
                                expiry=None if perpetual else ms(s["deliveryDate"])))
    write("binance_instruments.jsonl", rows)


def bybit():
    rows = []
    for category in ["option", "linear", "inverse", "spot"]:
        for suffix in ["", "_symbol_type", "_symbol_id", "_xstocks"]:
            path = "nautilus/bybit/http_get_instruments_%s%s.json" % (category, suffix)
            if not os.path.exists(os.path.join(DATA, path)):
                continue
            for i in load(path)["result"]["list"]:
                contract = i.get("contractType", "")
                kind = ("option" if category == "option" else "spot" if category == "spot"
                        else "perpetual" if contract.endswith("Perpetual") else "future")
                settle = i.get("settleCoin", i["quoteCoin"])
                # option quoteCoin disagrees between the two fixtures (USDC vs USD): the settle coin is the quote
                quote = settle if category == "option" else i["quoteCoin"]
                right = {"Call": "call", "Put": "put"}.get(i.get("optionsType"))
                # deliveryTime in these fixtures is synthetic (not on the named date, not 08:00 UTC): not checked
                rows.append(row(i["symbol"], path, kind, i["baseCoin"], quote, settle, category == "inverse",
                                category, right=right))
    write("bybit_instruments.jsonl", rows)


def seen():
    """Names that appear in other messages (orders, trades, tickers): round trip only, no list fields."""
    out = set()

    def walk(o, venue, key, market=None, path=""):
        if isinstance(o, dict):
            if venue == "bybit":
                market = o.get("category", market)
            for k, v in o.items():
                if k in key and isinstance(v, str) and v:
                    out.add((venue, market, v, path))
                walk(v, venue, key, market, path)
        elif isinstance(o, list):
            for v in o:
                walk(v, venue, key, market, path)

    for venue, folder, keys in [("deribit", "nautilus/deribit", ("instrument_name", "combo_id")),
                                ("okx", "nautilus/okx", ("instId", "sprdId")),
                                ("bybit", "nautilus/bybit", ("symbol",))]:
        for f in sorted(os.listdir(os.path.join(DATA, folder))):
            if f.endswith(".json"):
                walk(load(os.path.join(folder, f)), venue, keys, None, folder + "/" + f)
    for root, _, files in os.walk(os.path.join(DATA, "nautilus/binance/futures")):
        for f in sorted(files):
            if f.endswith(".json"):
                rel = os.path.relpath(os.path.join(root, f), DATA)
                walk(load(rel), "binance", ("s", "symbol"), None, rel)
    rows = []
    for venue, market, symbol, path in sorted(out, key=lambda t: (t[0], t[2], str(t[1]), t[3])):
        if venue == "binance":
            market = "inverse" if re.fullmatch(r"[A-Z0-9]+USD_(PERP|\d{6})", symbol) else "linear"
        if venue == "bybit" and market is None:
            continue  # category not stated in the message
        if symbol == "BTC-COMBO-1" or symbol.startswith("O-"):
            continue
        rows.append({"venue": venue, "market": market, "symbol": symbol, "source": path})
    for line in open(os.path.join(DATA, "cryptofeed/DERIBIT.ws.1.0")):
        for name in re.findall(r'"channel":"(?:book|ticker|trades)\.([A-Z0-9_-]+)\.raw"', line):
            rows.append({"venue": "deribit", "market": None, "symbol": name, "source": "cryptofeed/DERIBIT.ws.1.0"})
    unique, keys = [], set()
    for r in rows:
        if (r["venue"], r["market"], r["symbol"]) not in keys:
            keys.add((r["venue"], r["market"], r["symbol"]))
            unique.append(r)
    with open(os.path.join(OUT, "symbols_seen.jsonl"), "w") as f:
        for r in unique:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    print("symbols_seen.jsonl", len(unique))


deribit(); okx(); binance(); bybit(); seen()

"""Reads SAS XPORT files with pandas (an independent reader) and prints, per file, its variables (name, label,
type, length) and rows as JSON: numbers as floats, SAS missing as null, characters as text without trailing
blanks (blank as null)."""
import json
import math
import sys

import pandas as pd


def read(path):
    with pd.read_sas(path, format="xport", encoding="ascii", iterator=True) as reader:
        fields = [{"name": f["name"].decode("ascii") if isinstance(f["name"], bytes) else f["name"],
                   "label": (f["label"].decode("ascii") if isinstance(f["label"], bytes) else f["label"]).rstrip(),
                   "numeric": f["ntype"] == "numeric",
                   "length": int(f["field_length"])} for f in reader.fields]
        frame = reader.read()
    rows = []
    if frame is not None:
        for record in frame.itertuples(index=False):
            row = []
            for value in record:
                if isinstance(value, float) and math.isnan(value):
                    row.append(None)
                elif isinstance(value, float):
                    row.append(value)
                else:
                    text = None if value is None else str(value).rstrip()
                    row.append(text if text else None)  # SAS has no empty string: blank is missing
            rows.append(row)
    return {"variables": fields, "rows": rows}


print(json.dumps({path: read(path) for path in sys.argv[1:]}))

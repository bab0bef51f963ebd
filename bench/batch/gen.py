#!/usr/bin/env python3
"""A native batch body of 10,000 customers: externalId, email, phone, a profile and 7 attributes each.

usage: gen.py SEED REPEAT_SHARE > body.json
REPEAT_SHARE of the records (0.1 = 10 %) re-send the email of an earlier record of the same batch, so they reach that
record's customer and must be applied after it.
"""
import json
import random
import sys

seed, repeat = int(sys.argv[1]), float(sys.argv[2])
random.seed(seed)
records = []
for i in range(10000):
    n = f"{seed}-{i}"
    if records and random.random() < repeat:
        email = records[random.randrange(len(records))]["identifiers"][1]["value"]
    else:
        email = f"p{n}@mailbox.ru"
    records.append({"identifiers": [{"type": "externalId", "value": f"e{n}"},
                                    {"type": "email", "value": email},
                                    {"type": "phone", "value": f"+7916{seed % 1000:03d}{i:04d}"}],
                    "profile": {"firstName": f"F{i}", "lastName": "L", "city": "Moscow"},
                    "attributes": {f"a{k}": str(i * k) for k in range(7)}})
print(json.dumps({"customers": records}))

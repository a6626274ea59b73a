#!/usr/bin/env python3
"""Parses Prometheus text exposition on stdin with Debian's
python3-prometheus-client (the parser of the official Python client) and
prints the metric families as JSON: [{"name", "type", "samples": [{"name",
"labels", "value"}]}]. Any line the parser rejects fails with its error.
Used by metrics.test.mjs."""
import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families

families = []
for family in text_string_to_metric_families(sys.stdin.read()):
    families.append({
        'name': family.name,
        'type': family.type,
        'samples': [{'name': s.name, 'labels': s.labels,
                     'value': None if math.isnan(s.value) else s.value}
                    for s in family.samples],
    })
json.dump(families, sys.stdout)

"""Request-body limit and upload slots of the served app (SYNTHETIC atlas)."""

from __future__ import annotations

import base64
import json

from loadclient import UPDATE, find_callback, request_body

from layouts import ids
from layouts.security import MAX_REQUEST_BYTES


def _upload_body(client, data: bytes, name: str) -> str:
    deps = client.get("/_dash-dependencies").get_json()
    dep = find_callback(deps, f"{ids.UPLOAD_PENDING}.data", f"{ids.UPLOAD}.contents")
    url = "data:text/csv;base64," + base64.b64encode(data).decode()
    values = {
        f"{ids.UPLOAD}.contents": url,
        f"{ids.UPLOAD}.filename": name,
        f"{ids.LANG}.value": "en",
    }
    return json.dumps(request_body(dep, values, [f"{ids.UPLOAD}.contents"]))


def test_a_body_over_the_limit_is_refused_before_it_is_read(client):
    response = client.post(
        UPDATE, data=b"{" + b" " * MAX_REQUEST_BYTES + b"}", content_type="application/json"
    )
    assert response.status_code == 413


def test_a_file_just_over_5_mb_gets_the_exact_size_message(client):
    data = b"AGS;Wert\n" + b"0" * (5_000_001 - 9)
    response = client.post(
        UPDATE, data=_upload_body(client, data, "gross.csv"), content_type="application/json"
    )
    assert response.status_code == 200
    assert "5,000,001 bytes; at most 5,000,000 bytes" in response.get_data(as_text=True)

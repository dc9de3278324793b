"""The live fetch: the whole `pricing.yml`, cut down to the bundled extract (GPU machine
types, values unchanged, JSON with a header) before it is stored."""

from __future__ import annotations

import json

import yaml

from sources import source as generic
from sources.gcp_pricing.layout import ATTRIBUTES, BASE_URL, REPO, SELECTION, SOURCE, UPSTREAM_PATH
from sources.gcp_pricing.parse import _gpu_keys, _load
from sources.http import HttpClient
from sources.snapshots import SnapshotStore
from sources.source import FetchOutcome
from sources.upstream import UpstreamFormatError


def _is_gpu_machine_type(attributes: object) -> bool:
    """An entry carrying a key that is neither a known attribute nor `cost` (a GPU count)."""
    return isinstance(attributes, dict) and any(k not in ATTRIBUTES for k in attributes)


def extract(data: bytes, url: str) -> bytes:
    """The bundled extract of a downloaded `pricing.yml`: `compute.instance` entries of GPU
    machine types, values unchanged, as compact JSON with sorted keys and a header.

    Raises UpstreamFormatError when the body is not YAML in the pricing.yml shape, when it
    looks cut off (pricing.yml is written with sorted keys, so a complete file has top-level
    sections after `compute`), or when it holds no GPU machine type."""
    where = f"{url} ({UPSTREAM_PATH})"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        document = yaml.load(data.decode("utf-8"), Loader=loader)
    except (UnicodeDecodeError, yaml.YAMLError) as err:
        raise UpstreamFormatError(f"{where}: not YAML ({err})") from None
    if not isinstance(document, dict):
        head = data[:60].decode("utf-8", "replace")
        raise UpstreamFormatError(
            f"{where}: not the pricing.yml shape (a mapping with about and compute.instance); "
            f"got {type(document).__name__} starting {head!r}"
        )
    compute = document.get("compute")
    instances = compute.get("instance") if isinstance(compute, dict) else None
    about = document.get("about")
    if not isinstance(instances, dict) or not isinstance(about, dict):
        raise UpstreamFormatError(
            f"{where}: no 'about' and 'compute.instance' mappings (top-level keys "
            f"{sorted(map(str, document))}); the upstream format changed: update {__name__}"
        )
    if not any(str(key) > "compute" for key in document):
        raise UpstreamFormatError(
            f"{where}: no top-level section after 'compute' (pricing.yml has sorted keys and "
            f"ends with region/storage sections): the file looks truncated"
        )
    selected = {str(k): v for k, v in instances.items() if _is_gpu_machine_type(v)}
    if not selected:
        raise UpstreamFormatError(f"{where}: no GPU machine type in compute.instance")
    header = {
        "source_repo": REPO,
        "source_path": UPSTREAM_PATH,
        "source_url": url,
        "source_commit": None,  # a live fetch reads HEAD: the commit is not known
        "commit_date": None,
        "generated": about.get("generated"),
        "timestamp": about.get("timestamp"),
        "selection": SELECTION,
        "instances": selected,
    }
    body = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    label = f"{where} -> {SOURCE.filename}"
    document = _load(body, label)
    for machine_type, attributes in document["instances"].items():
        _gpu_keys(machine_type, attributes, label)
    return body


def fetch(store: SnapshotStore, client: HttpClient, base_url: str | None = None) -> FetchOutcome:
    """Download `pricing.yml` (conditional GET) and store its GPU extract as a new version
    when it changed; the latest version when upstream answers 304 or the extract is stored."""
    url = f"{(base_url or BASE_URL).rstrip('/')}/{UPSTREAM_PATH}"
    return generic.fetch(
        SOURCE,
        store,
        client,
        url=url,
        transform=lambda body: extract(body, url),
        extra={
            "obtained_via": f"live GET of {url}: {SELECTION}, as JSON with a header",
            "upstream_commit": None,
        },
    )

"""The FSDL "Cloud GPUs" table as sources/fsdl_cloud_gpus/layout.py describes it, held against
the 36 bundled versions: the upstream file, and the columns every version has."""

import csv
import io

from sources.fsdl_cloud_gpus import layout


def test_every_version_has_exactly_the_required_columns(bundled_store):
    versions = bundled_store.versions(layout.SOURCE.name)
    assert len(versions) == 36
    for version in versions:
        assert list(version.files) == [layout.SOURCE.filename]
        header = next(csv.reader(io.StringIO(version.path().read_text())))
        assert header == layout.REQUIRED, version.version
    assert {layout.MENTION_FIELD, layout.PER_GPU} <= set(layout.REQUIRED)


def test_the_source_is_the_upstream_csv():
    assert layout.SOURCE.url.endswith("/the-full-stack/website/HEAD/docs/cloud-gpus/cloud-gpus.csv")
    assert layout.SOURCE.url.rsplit("/", 1)[1] == layout.SOURCE.filename

"""What the free-text `hardware` field of an entry states: the cloud instance types it names
and the counts of accelerators and instances."""

from __future__ import annotations

import re

from sources.dawnbench.layout import INSTANCE_TYPES


def instance_types(hardware: str) -> list[tuple[str, str]]:
    """Cloud instance types named in a `hardware` text, as (spelling, cloud), in text order."""
    found = []
    for pattern, cloud in INSTANCE_TYPES:
        for match in pattern.finditer(hardware):
            if not any(match.start() < end and start < match.end() for start, end, *_ in found):
                found.append((match.start(), match.end(), match.group(), cloud))
    return [(spelling, cloud) for _, _, spelling, cloud in sorted(found)]


# A TPU v2 Pod is 64 Cloud TPU devices of 4 chips; a "Cloud TPU" rented alone is one device.
TPU_POD_CHIPS = 256
CLOUD_TPU_CHIPS = 4
_POD_SHARE = re.compile(r"(?i)\b(half|1/(\d+)) of a TPU\s*v2 pod\b")
_CLOUD_TPUS = re.compile(r"(?i)(?:(?<![\w./])(\d+)\s*TPU\s*v\d\b|\bcloud TPU\b)")
# '16 nodes with InfiniBand (8*V100 with NVLink for each node)'; '16 * 8 * Tesla-V100'.
_PER_NODE = re.compile(r"(?i)^\s*(\d+)\s+nodes\b.*?\(\s*(\d+)\s*[x×*]\s*[a-z].*?\beach node\)")
_TWO_FACTORS = re.compile(r"(?<![\w./])(\d+)\s*[x×*]\s*(\d+)\s*[x×*]\s*[A-Za-z]")
# A count before a chip ('8 * V100', '4x GTX 1080 Ti', '1 GPU (...)', 'Tesla 8*V100') or after
# one ('Tesla V100 * 8 GPU', 'V100*1-16GB'). Model numbers are upper case: '16 p3.16xlarge'
# counts instances, '60 GB' memory, '16 CPU' cores.
_CHIP = r"(?:(?i:gpus?|nvidia|tesla|gtx|rtx)\b|[KMPTV]\d{1,3}\b)"
_COUNT_BEFORE = re.compile(rf"(?<![\w./])(\d+)\s*(?:[x×*]\s*)?(?={_CHIP})")
_COUNT_AFTER = re.compile(r"\b[KMPTV]\d{1,3}\s*[x×*]\s*(\d+)(?![\d.])")
# Instances: '16 p3.16xlarge', '1 ecs.gn6e-c12g1.24xlarge', '(4 machines - AWS ...)', and
# '128 nodes with Xeon ... [c5.18xlarge]'.
_INSTANCES = re.compile(
    r"(?i)^\s*(\d+)\s+(?=[a-z][\w-]*\.[\w.-]*large\b|nodes\b)|\((\d+)\s+machines\b"
)


def accelerator_count(hardware: str | None) -> int | None:
    """Accelerator chips a `hardware` text states: '8 * V100 (AWS p3.16xlarge)' -> 8,
    '16 nodes with InfiniBand (8*V100 ... for each node)' -> 128, '1/4 of a TPUv2 Pod' -> 64
    (a pod is 256 chips), 'GCP n1-standard-2, Cloud TPU' -> 4 (a Cloud TPU is 4 chips).
    None where the text states no count ('V100 (AWS p3.2xlarge)', CPU-only machines)."""
    if not hardware:
        return None
    if match := _POD_SHARE.search(hardware):
        return TPU_POD_CHIPS // (2 if match[1].lower() == "half" else int(match[2]))
    if match := _CLOUD_TPUS.search(hardware):
        return CLOUD_TPU_CHIPS * int(match[1] or 1)
    for pattern in (_PER_NODE, _TWO_FACTORS):
        if match := pattern.search(hardware):
            return int(match[1]) * int(match[2])
    for pattern in (_COUNT_BEFORE, _COUNT_AFTER):
        if match := pattern.search(hardware):
            return int(match[1])
    return None


def instance_count(hardware: str | None) -> int | None:
    """Cloud instances a `hardware` text names: '16 p3.16xlarge (AWS)' -> 16, '64 * V100 (8
    machines - AWS p3.16xlarge)' -> 8, 1 where it names an instance type without a count, None
    where it names none."""
    if not hardware or not instance_types(hardware):
        return None
    match = _INSTANCES.search(hardware)
    return int(match[1] or match[2]) if match else 1


def _first_instance(hardware: str | None) -> tuple[str, str] | tuple[None, None]:
    found = instance_types(hardware) if hardware else []
    return found[0] if found else (None, None)

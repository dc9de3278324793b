"""The counts a DAWNBench `hardware` text states (sources/dawnbench/hardware.py): accelerator chips
and cloud instances, on real hardware texts of the bundled entries."""

import pytest

from sources import dawnbench


@pytest.mark.parametrize(
    ("hardware", "chips"),
    [
        ("1 K80 / 61 GB / 4 CPU (Amazon EC2 [p2.xlarge])", 1),
        ("8 * V100 (AWS p3.16xlarge)", 8),
        ("32 * V100 (4 machines - AWS p3.16xlarge)", 32),
        ("8*V100 (single p3.16xlarge)", 8),
        ("16 * 8 * Tesla-V100(ModelArts Service)", 128),
        ("16 nodes with InfiniBand (8*V100 with NVLink for each node)", 128),
        ("8 nodes with InfiniBand (8*P100 for each node)", 64),
        ("Tesla V100 * 8 GPU / 32 GB / 40 CPU", 8),
        ("Baidu Cloud Tesla 8*V100-16GB/448 GB/96 CPU", 8),
        ("Baidu Cloud Tesla V100*1-16GB/56 GB/12 CPU", 1),
        ("IBM AC922 + 4 * Nvidia Tesla V100 (NCSA HAL)", 4),
        ("Lambda GPU Cloud - 4x GTX 1080 Ti", 4),
        ("1 GPU (Nvidia GeForce GTX 1080 Ti)", 1),
        ("Didi Cloud [1 P4 / 16 GB / 8 vCPU]", 1),
        ("1 P100 / 384 GB / 48 CPU (x86_64 architecture machine)", 1),
        ("1/4 of a TPUv2 Pod", 64),
        ("1/16 of a TPUv2 Pod", 16),
        ("Half of a TPUv2 Pod", 128),
        ("1 TPUv2", 4),
        ("GCP n1-standard-2, Cloud TPU", 4),
        # no count stated: machines, instance types only, CPUs
        ("16 p3.16xlarge (AWS)", None),
        ("V100 (AWS p3.2xlarge)", None),
        ("Paperspace Volta (V100)", None),
        ("60 GB / 16 CPU (Google Cloud [n1-standard-16])", None),
        ("128 nodes with Xeon Platinum 8124M / 144 GB / 36 Cores (Amazon EC2 [c5.18xlarge])", None),
    ],
)
def test_accelerator_count_reads_the_hardware_text(hardware, chips):
    assert dawnbench.accelerator_count(hardware) == chips


@pytest.mark.parametrize(
    ("hardware", "instances"),
    [
        ("16 p3.16xlarge (AWS)", 16),
        ("16 ecs.gn6e-c12g1.24xlarge (AlibabaCloud)", 16),
        ("64 * V100 (8 machines - AWS p3.16xlarge)", 8),
        ("128 nodes with Xeon Platinum 8124M / 144 GB / 36 Cores (Amazon EC2 [c5.18xlarge])", 128),
        ("8 * V100 (AWS p3.16xlarge)", 1),
        ("Azure ND40s_v2", 1),
        ("16 nodes with InfiniBand (8*V100 with NVLink for each node)", None),
        ("1 P100 / 512 GB / 56 CPU (DAWN Internal Cluster)", None),
    ],
)
def test_instance_count_reads_the_hardware_text(hardware, instances):
    assert dawnbench.instance_count(hardware) == instances

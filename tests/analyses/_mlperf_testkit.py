"""An excerpt of the real analysis.mlperf_cost rows of MLPerf Training's ResNet-50 benchmark (a
build of the bundled snapshots, data/snapshots/mlperf/): in each round v0.5 to v4.0 the results
with the best time, cost and accelerator time, so the round's bests are those of the whole
table; and, per system, what its successful core.mlperf_result runs state (the largest
`eval_target`, the lowest final `eval_accuracy`)."""

from datetime import date

import polars as pl

# round, round_published_on, system_id, submitter, hardware_id, accelerator_chips, score_s,
# accelerator_time_s, cost_to_train_usd
COST_ROWS = [
    ('v0.5', date(2018, 12, 12), 'v0.5/google/cloud_v2.8/resnet-tpuv2-8/tpu', 'google', 'google-tpu-v2', 4, 18094.667878548305, 72378.67151419322, 22.71886078084398),
    ('v0.5', date(2018, 12, 12), 'v0.5/google/cloud_v3.8/resnet-tpuv3-8/tpu', 'google', 'google-tpu-v3', 4, 11004.173391739527, 44016.69356695811, 24.45371864831006),
    ('v0.5', date(2018, 12, 12), 'v0.5/nvidia/submission/dgx1_multi_ngc18.11_mxnet', 'nvidia', 'nvidia-v100-sxm2-16gb', None, 374.5043936570485, None, None),
    ('v0.6', date(2019, 7, 9), 'v0.6/Google/tpu-v3-2048', 'Google', 'google-tpu-v3', 1024, 76.94666655858357, 78793.38655598958, 43.77410364221643),
    ('v0.6', date(2019, 7, 9), 'v0.6/Google/tpu-v3-32', 'Google', 'google-tpu-v3', 16, 2531.1786665916443, 40498.85866546631, 22.49936592525906),
    ('v0.7', date(2020, 7, 28), 'v0.7/Fujitsu/gx_V100x8_ngc20.06_mxnet', 'Fujitsu', 'nvidia-v100', 8, 4129.010333333334, 33032.08266666667, 25.232840925925927),
    ('v0.7', date(2020, 7, 28), 'v0.7/Inspur/nf5488_mxnet', 'Inspur', 'nvidia-a100', 8, 2002.4776666666667, 16019.821333333333, None),
    ('v0.7', date(2020, 7, 28), 'v0.7/NVIDIA/dgxa100_n96_ngc20.06_mxnet', 'NVIDIA', 'nvidia-a100-sxm4-40gb', 768, 63.516, 48780.288, None),
    ('v1.0', date(2021, 6, 30), 'v1.0/Inspur/nf5488m6_mxnet', 'Inspur', 'nvidia-a100-sxm4-40gb', 8, 1821.9313333333332, 14575.450666666666, 16.59981881481481),
    ('v1.0', date(2021, 6, 30), 'v1.0/Inspur/nf5688m6_mxnet', 'Inspur', 'nvidia-a100-sxm4-80gb', 8, 1642.674, 13141.392, None),
    ('v1.0', date(2021, 6, 30), 'v1.0/NVIDIA/dgxa100_n8_ngc21.05_mxnet', 'NVIDIA', 'nvidia-a100-sxm4-80gb', 64, 294.5586666666666, 18851.754666666664, None),
    ('v1.1', date(2021, 12, 1), 'v1.1/Dell/XE8545x4A100-SXM-40GB', 'Dell', 'nvidia-a100-sxm4-40gb', 4, 3709.2213333333334, 14836.885333333334, 14.992628324745185),
    ('v1.1', date(2021, 12, 1), 'v1.1/Inspur/nf5488a5_mxnet', 'Inspur', 'nvidia-a100-sxm4-80gb', 8, 1654.1050000000002, 13232.840000000002, 15.070734444444446),
    ('v1.1', date(2021, 12, 1), 'v1.1/NVIDIA/dgxa100_n540_ngc21.09_mxnet', 'NVIDIA', 'nvidia-a100-sxm4-80gb', 4320, 20.822, 89951.04, 102.44424),
    ('v2.0', date(2022, 6, 29), 'v2.0/Dell/XE8545x4A100-SXM-40GB', 'Dell', 'nvidia-a100-sxm4-40gb', 4, 3732.7690000000002, 14931.076000000001, 4.562273222222223),
    ('v2.0', date(2022, 6, 29), 'v2.0/Google/cloud-tpu-v4-8192-TF', 'Google', 'google-tpu-v4', 4096, 11.445666666666668, 46881.45066666667, 41.9328530962963),
    ('v2.0', date(2022, 6, 29), 'v2.0/Intel-HabanaLabs/HLS-Gaudi2', 'Intel-HabanaLabs', 'intel-habana-gaudi2', 8, 1101.6996666666666, 8813.597333333333, None),
    ('v2.1', date(2022, 11, 8), 'v2.1/Intel-HabanaLabs/HLS-Gaudi2-TF', 'Intel-HabanaLabs', 'intel-habana-gaudi2', 8, 995.8076666666666, 7966.461333333333, None),
    ('v2.1', date(2022, 11, 8), 'v2.1/Lenovo/SR670v2-4xA100_SXM4_40GB_400W', 'Lenovo', 'nvidia-a100-sxm4-40gb', 4, 3719.9240000000004, 14879.696000000002, 4.546573777777779),
    ('v2.1', date(2022, 11, 8), 'v2.1/NVIDIA/dgxa100_n527_ngc22.04_mxnet', 'NVIDIA', 'nvidia-a100-sxm4-80gb', 4216, 19.168333333333333, 80813.69333333333, 48.99330158333333),
    ('v3.0', date(2023, 6, 19), 'v3.0/Dell/XE8640x4H100-SXM-80GB', 'Dell', 'nvidia-h100-sxm5-80gb', 4, 1591.4683333333332, 6365.873333333333, 8.417099185185185),
    ('v3.0', date(2023, 6, 19), 'v3.0/Krai/7920T_2xA5000_mxnet22.04', 'Krai', 'nvidia-rtx-a5000', 2, 17042.261333333332, 34084.522666666664, 4.923319940740741),
    ('v3.0', date(2023, 6, 19), 'v3.0/NVIDIA_CoreWeave/coreweave_hgxh100_n448_ngc23.04_mxnet', 'NVIDIA_CoreWeave', 'nvidia-h100-sxm5-80gb', 3584, 10.979000000000001, 39348.736000000004, 52.02777315555556),
    ('v3.1', date(2023, 11, 7), 'v3.1/Dell/XE8640x4H100-SXM-80GB', 'Dell', 'nvidia-h100-sxm5-80gb', 4, 1594.0653333333332, 6376.261333333333, 7.306132777777777),
    ('v3.1', date(2023, 11, 7), 'v3.1/Krai/7920T_2xA5000_mxnet23.08', 'Krai', 'nvidia-rtx-a5000', 2, 16271.583, 32543.166, 4.858875479166667),
    ('v3.1', date(2023, 11, 7), 'v3.1/NVIDIA/coreweave_hgxh100_n448_ngc23.04_mxnet', 'NVIDIA', 'nvidia-h100-sxm5-80gb', 3584, 10.979000000000001, 39348.736000000004, 45.087093333333335),
    ('v4.0', date(2024, 6, 11), 'v4.0/Fujitsu/GX2560M7_H100_SXM_80GBx4', 'Fujitsu', 'nvidia-h100-sxm5-80gb', 4, 1528.2743333333335, 6113.097333333334, 6.316867244444445),
    ('v4.0', date(2024, 6, 11), 'v4.0/NVIDIA/coreweave_hgxh100_n448_ngc23.04_mxnet', 'NVIDIA', 'nvidia-h100-sxm5-80gb', 3584, 10.979000000000001, 39348.736000000004, 40.66036053333334),
    ('v4.0', date(2024, 6, 11), 'v4.0/NVIDIA/h200_ngc24.04_mxnet', 'NVIDIA', 'nvidia-h200-sxm', 8, 721.6056666666667, 5772.845333333334, None),
]  # fmt: skip
RESNET_COSTS = pl.DataFrame(
    COST_ROWS,
    schema={
        "round": pl.String,
        "round_published_on": pl.Date,
        "system_id": pl.String,
        "submitter": pl.String,
        "hardware_id": pl.String,
        "accelerator_chips": pl.Int64,
        "score_s": pl.Float64,
        "accelerator_time_s": pl.Float64,
        "cost_to_train_usd": pl.Float64,
    },
    orient="row",
).with_columns(benchmark=pl.lit("resnet"))

# system_id, eval_target (largest), eval_accuracy (lowest) of its successful ResNet-50 runs
RUN_ROWS = [
    ('v0.5/google/cloud_v2.8/resnet-tpuv2-8/tpu', 0.749, 0.7496134638786316),
    ('v0.5/google/cloud_v3.8/resnet-tpuv3-8/tpu', 0.749, 0.7491251826286316),
    ('v0.5/nvidia/submission/dgx1_multi_ngc18.11_mxnet', 0.749, 0.74942),
    ('v0.6/Google/tpu-v3-2048', None, 0.759674072265625),
    ('v0.6/Google/tpu-v3-32', None, 0.7607200145721436),
    ('v0.7/Fujitsu/gx_V100x8_ngc20.06_mxnet', None, 0.75908),
    ('v0.7/Inspur/nf5488_mxnet', None, 0.7595),
    ('v0.7/NVIDIA/dgxa100_n96_ngc20.06_mxnet', None, 0.75952),
    ('v1.0/Inspur/nf5488m6_mxnet', None, 0.75938),
    ('v1.0/Inspur/nf5688m6_mxnet', None, 0.75904),
    ('v1.0/NVIDIA/dgxa100_n8_ngc21.05_mxnet', None, 0.7595),
    ('v1.1/Dell/XE8545x4A100-SXM-40GB', None, 0.75987519750395),
    ('v1.1/Inspur/nf5488a5_mxnet', None, 0.75924),
    ('v1.1/NVIDIA/dgxa100_n540_ngc21.09_mxnet', None, 0.76052),
    ('v2.0/Dell/XE8545x4A100-SXM-40GB', None, 0.75952),
    ('v2.0/Google/cloud-tpu-v4-8192-TF', None, 0.75938),
    ('v2.0/Intel-HabanaLabs/HLS-Gaudi2', None, 0.7598046660423279),
    ('v2.1/Intel-HabanaLabs/HLS-Gaudi2-TF', None, 0.7622265219688416),
    ('v2.1/Lenovo/SR670v2-4xA100_SXM4_40GB_400W', None, 0.7594),
    ('v2.1/NVIDIA/dgxa100_n527_ngc22.04_mxnet', None, 0.76142),
    ('v3.0/Dell/XE8640x4H100-SXM-80GB', None, 0.759115182303646),
    ('v3.0/Krai/7920T_2xA5000_mxnet22.04', None, 0.76028),
    ('v3.0/NVIDIA_CoreWeave/coreweave_hgxh100_n448_ngc23.04_mxnet', None, 0.75934),
    ('v3.1/Dell/XE8640x4H100-SXM-80GB', None, 0.76036),
    ('v3.1/Krai/7920T_2xA5000_mxnet23.08', None, 0.75936),
    ('v3.1/NVIDIA/coreweave_hgxh100_n448_ngc23.04_mxnet', None, 0.75934),
    ('v4.0/Fujitsu/GX2560M7_H100_SXM_80GBx4', None, 0.7601),
    ('v4.0/NVIDIA/coreweave_hgxh100_n448_ngc23.04_mxnet', None, 0.75934),
    ('v4.0/NVIDIA/h200_ngc24.04_mxnet', None, 0.75932),
]  # fmt: skip
RESNET_RUNS = pl.DataFrame(
    RUN_ROWS,
    schema={"system_id": pl.String, "eval_target": pl.Float64, "eval_accuracy": pl.Float64},
    orient="row",
).with_columns(benchmark=pl.lit("resnet"), is_success=pl.lit(True))

#!/usr/bin/env python3
"""examples/kubernetes/ without a cluster: reads the Indexed Job's manifest,
runs its container's command line locally once per completion index (with
JOB_COMPLETION_INDEX set, the manifest's environment, and the volume paths
mapped into a work directory), then the merge Job's command line; the JSON and
CSV are byte-identical to one run's.

  kubernetes_test.py ACDSIM SOURCE_DIR WORK_DIR
"""

import filecmp
import os
import shutil
import subprocess
import sys

import yaml


def container(manifest):
    spec = manifest["spec"]["template"]["spec"]
    (only,) = spec["containers"]
    mounts = {m["name"]: m["mountPath"] for m in only.get("volumeMounts", [])}
    return only, mounts


def run(container_spec, env, paths):
    """Runs the container's command with its environment, volume paths mapped."""
    command = list(container_spec["command"]) + list(container_spec.get("args", []))
    variables = dict(os.environ)
    for item in container_spec.get("env", []):
        value = item["value"]
        for mount, local in paths.items():
            value = value.replace(mount, local)
        variables[item["name"]] = value
    variables.update(env)
    subprocess.run(command, env=variables, check=True, stdout=subprocess.DEVNULL)


def main():
    acdsim, source, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    bin_dir, results, scenario_dir = (os.path.join(work, d) for d in ("bin", "results", "scenario"))
    for d in (bin_dir, results, scenario_dir):
        os.makedirs(d)
    os.symlink(os.path.abspath(acdsim), os.path.join(bin_dir, "acdsim"))
    shutil.copy(os.path.join(source, "scenarios", "full_day.txtpb"), scenario_dir)
    path = {"PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}

    with open(os.path.join(source, "examples", "kubernetes", "study.yaml")) as f:
        study = yaml.safe_load(f)
    assert study["kind"] == "Job" and study["spec"]["completionMode"] == "Indexed"
    shard, mounts = container(study)
    paths = {mounts["scenario"]: scenario_dir, mounts["results"]: results}
    completions = study["spec"]["completions"]
    for index in range(completions):
        run(shard, dict(path, JOB_COMPLETION_INDEX=str(index)), paths)
    parts = sorted(os.listdir(results))
    assert len(parts) == completions, parts
    print(f"{completions} indexes ran: {' '.join(parts)}")

    with open(os.path.join(source, "examples", "kubernetes", "merge.yaml")) as f:
        merge = yaml.safe_load(f)
    merger, mounts = container(merge)
    run(merger, path, {mounts["results"]: results})

    replications = next(e["value"] for e in shard["env"] if e["name"] == "REPLICATIONS")
    subprocess.run([acdsim, "run", os.path.join(scenario_dir, "full_day.txtpb"), "--replications",
                    replications, "--threads", "2", "--json", os.path.join(work, "one.json"),
                    "--csv", os.path.join(work, "one")], check=True, stdout=subprocess.DEVNULL)
    pairs = [("one.json", "results/study.json")] + [
        (f"one/{c}", f"results/csv/{c}")
        for c in ("intervals.csv", "contact_type_intervals.csv", "total_intervals.csv")]
    for one, merged in pairs:
        if not filecmp.cmp(os.path.join(work, one), os.path.join(work, merged), shallow=False):
            sys.exit(f"{merged} differs from one run's {one}")
    print(f"study.json and csv/ are byte-identical to one run of {replications} replications")


if __name__ == "__main__":
    main()

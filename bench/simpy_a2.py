"""The Erlang A system A2 (docs/queueing-results.md) as a SimPy model, for speed
comparisons with acd's simulator (bench/compare_simpy.sh).

Written for Debian's python3-simpy (SimPy 2.3, the process-class API).
55 agents, Poisson arrivals at 720 an hour, exponential talk times of 240 s,
exponential patience of 120 s: the same system as BM_Sim_A2. Prints one line
of JSON: calls simulated, wall-clock seconds, calls per second, and the
abandonment rate as a sanity check (exact: 0.016968).
"""

import json
import random
import sys
import time

from SimPy.Simulation import Process, Resource, Simulation, hold, release, request


class Caller(Process):
    def run(self, agents, counts, rng):
        counts["calls"] += 1
        patience = rng.expovariate(1 / 120)
        # Wait for an agent, or give up when patience runs out.
        yield (request, self, agents), (hold, self, patience)
        if self.acquired(agents):
            yield hold, self, rng.expovariate(1 / 240)
            yield release, self, agents
        else:
            counts["abandoned"] += 1


class Arrivals(Process):
    def run(self, agents, counts, rng):
        while True:
            yield hold, self, rng.expovariate(720 / 3600)
            caller = Caller(sim=self.sim)
            self.sim.activate(caller, caller.run(agents, counts, rng))


def simulate(horizon_s, seed):
    rng = random.Random(seed)
    sim = Simulation()
    sim.initialize()
    agents = Resource(capacity=55, sim=sim)
    counts = {"calls": 0, "abandoned": 0}
    arrivals = Arrivals(sim=sim)
    sim.activate(arrivals, arrivals.run(agents, counts, rng))
    sim.simulate(until=horizon_s)
    return counts


def main():
    horizon_s = float(sys.argv[1]) if len(sys.argv) > 1 else 200000
    start = time.perf_counter()
    counts = simulate(horizon_s, seed=12345)
    elapsed = time.perf_counter() - start
    print(json.dumps({
        "calls": counts["calls"],
        "seconds": elapsed,
        "calls_per_s": counts["calls"] / elapsed,
        "abandon_rate": counts["abandoned"] / counts["calls"],
    }))


if __name__ == "__main__":
    main()

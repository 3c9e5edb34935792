"""igraph multilevel (Louvain) and Leiden, and networkx Louvain, on the graphs the native bench
wrote (same run). networkx only on the small graph: it takes minutes on 500 k edges."""
import csv, json, os, sys, time, statistics
import igraph as ig
import networkx as nx

out = os.environ.get("LINKAGE_OUT", "bench/out/linkage"); runs = int(os.environ.get("LINKAGE_RUNS", 5))

def load(path):
    with open(path) as f:
        r = csv.reader(f); next(r)
        e = [(int(a), int(b), float(w)) for a, b, w in r]
    n = 1 + max(max(a, b) for a, b, _ in e)
    return n, e

def report(name, graph, n, m, times, qs):
    print(json.dumps({"workload": name, "graph": graph, "n": n, "m": m, "median_s": statistics.median(times), "modularity_median": statistics.median(qs), "modularity_max": max(qs), "runs": len(times)}))

for graph in ["graph_big", "graph_small"]:
    n, e = load(f"{out}/{graph}.csv")
    G = ig.Graph(n=n, edges=[(a, b) for a, b, _ in e]); G.es["weight"] = [w for _, _, w in e]
    times, qs = [], []
    for s in range(runs):
        import random; random.seed(s); ig.set_random_number_generator(random)
        t = time.perf_counter(); c = G.community_multilevel(weights="weight"); times.append(time.perf_counter() - t)
        qs.append(G.modularity(c.membership, weights="weight"))
    report("igraph_multilevel", graph, n, len(e), times, qs)
    times, qs = [], []
    for s in range(runs):
        random.seed(s)
        t = time.perf_counter(); c = G.community_leiden(objective_function="modularity", weights="weight", n_iterations=2); times.append(time.perf_counter() - t)
        qs.append(G.modularity(c.membership, weights="weight"))
    report("igraph_leiden", graph, n, len(e), times, qs)
    if graph == "graph_small":
        H = nx.Graph(); H.add_weighted_edges_from(e)
        times, qs = [], []
        for s in range(min(runs, 3)):
            t = time.perf_counter(); c = nx.community.louvain_communities(H, weight="weight", seed=s); times.append(time.perf_counter() - t)
            qs.append(nx.community.modularity(H, c, weight="weight"))
        report("networkx_louvain", graph, n, len(e), times, qs)

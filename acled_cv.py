import sys, pickle, random, collections
sys.path.insert(0, "/work/main/scripts"); sys.path.insert(0, "/work/main")
import train as T
from tocsin.models import ACLED_SUBTYPES
own_texts, own_labels, own_x, dev_texts, dev_labels, dev_x = pickle.load(open(sys.argv[1] if len(sys.argv)>1 else "acled.pkl","rb"))
verbose = "-v" in sys.argv
res = []
conf = collections.Counter()
wrong = []
for seed in (13, 7, 42, 1):
    order = list(range(len(dev_x))); random.Random(seed).shuffle(order)
    folds = [order[i::5] for i in range(5)]
    gold_all, pred_all = [], []
    for fold in folds:
        held = set(fold)
        train_x = own_x + [dev_x[i] for i in order if i not in held]
        train_y = own_labels + [dev_labels[i] for i in order if i not in held]
        m = T.fit(train_x, train_y, dev_rows=len(train_x) - len(own_x), c=T.ACLED_C, blocks=T.ACLED_BLOCKS)
        m = T.boost(m, "NONE", T.ACLED_NONE_BOOST)
        for i in fold:
            gold_all.append(dev_labels[i])
            label = m.predict(dev_x[i][0], dense=dev_x[i][1])[0]
            p = T.keep_side(label, [f[5:] for f in dev_x[i][0] if f.startswith("rule=")])
            pred_all.append(p)
            if p != dev_labels[i]:
                conf[(dev_labels[i], p)] += 1
                if seed == 13: wrong.append((dev_labels[i], p, dev_texts[i]))
    seen = [(g, p) for g, p in zip(gold_all, pred_all) if g in ACLED_SUBTYPES]
    rep, macro, weighted = T.classification_report([g for g, _ in seen], [p for _, p in seen], ACLED_SUBTYPES)
    unseen = [p for g, p in zip(gold_all, pred_all) if g == "NONE"]
    res.append((weighted, macro, sum(p == "NONE" for p in unseen) / len(unseen)))
    print(seed, [round(x, 3) for x in res[-1]], flush=True)
import numpy as np
print("mean", np.mean(res, axis=0).round(4))
if verbose:
    for k, v in conf.most_common(40): print(v, k)
    for g, p, t in sorted(wrong): print(f"{g} -> {p}: {t[:300]}")

"""Golden values for RngTest and NetworkTest.seedDerivationIsPinned: SplitMix64, the
Marsaglia polar method and Seed.derive written independently in Python. Run: python3 rng.py
"""
import math
M=(1<<64)-1
def mix(z):
    z=((z^(z>>30))*0xBF58476D1CE4E5B9)&M
    z=((z^(z>>27))*0x94D049BB133111EB)&M
    return z^(z>>31)
class R:
    def __init__(s,seed): s.st=seed&M; s.spare=None
    def nl(s): s.st=(s.st+0x9E3779B97F4A7C15)&M; return mix(s.st)
    def nd(s): return (s.nl()>>11)*2.0**-53
    def g(s):
        if s.spare is not None: v=s.spare; s.spare=None; return v
        while True:
            u=2*s.nd()-1; v=2*s.nd()-1; q=u*u+v*v
            if 0<q<1: break
        f=math.sqrt(-2*math.log(q)/q); s.spare=v*f; return u*f
r=R(0); print([hex(r.nl()) for _ in range(3)])
r=R(42); print([repr(r.g()) for _ in range(3)])
def signed(x): return x-(1<<64) if x>>63 else x
def derive(v,i): return signed(mix((mix(v&M)+mix((i^0x5DEECE66D)&M))&M))
print(derive(42,0), derive(42,1))

# Epoch shuffles (Sgd.shuffleSeed): seed.derive(SHUFFLE_STREAM).derive(epoch), then Fisher-Yates
# with nextInt by rejection on 63-bit draws, as java.util.Random does.
SHUFFLE_STREAM = 0x5348_5546_464C
def next_int(r, bound):
    u = r.nl() >> 1
    x = u % bound
    while u - x + (bound - 1) >= (1 << 63):
        u = r.nl() >> 1
        x = u % bound
    return x
def permutation(seed_value, n):
    r = R(seed_value)
    p = list(range(n))
    for i in range(n - 1, 0, -1):
        j = next_int(r, i + 1)
        p[i], p[j] = p[j], p[i]
    return p
shuffle = derive(derive(42, SHUFFLE_STREAM) & M, 1)
print("shuffle seed of epoch 1 under seed 42:", shuffle)
print("its permutation of 10:", permutation(shuffle & M, 10))
print("epoch 2:", permutation(derive(derive(42, SHUFFLE_STREAM) & M, 2) & M, 10))

#!/usr/bin/env python3
"""Writes the general positions of a space group, closed from its generators, in the
notation CIF files use (`-x+1/2,y,z`). Used to write the bundled CIFs under
assets/structures/ (their comments name the generators, as in International Tables A).

    python3 scripts/symops.py "z,x,y" "-y,x,z" "-x,-y,-z" --centre 1/2,1/2,1/2
"""
import sys
from fractions import Fraction as Fr


def parse(text):
    rows = []
    for part in text.split(','):
        coeffs, const, sign, k = [0, 0, 0], Fr(0), 1, 0
        part = part.replace(' ', '')
        while k < len(part):
            c = part[k]
            if c in '+-':
                sign = -1 if c == '-' else 1
                k += 1
                continue
            if c in 'xyz':
                coeffs['xyz'.index(c)] += sign
                k += 1
            else:
                j = k
                while j < len(part) and (part[j].isdigit() or part[j] == '/'):
                    j += 1
                const += sign * Fr(part[k:j])
                k = j
            sign = 1
        rows.append((coeffs, const))
    return tuple((tuple(c), t % 1) for c, t in rows)


def compose(a, b):
    """a after b."""
    out = []
    for ca, ta in a:
        coeffs = [sum(ca[m] * b[m][0][n] for m in range(3)) for n in range(3)]
        const = sum(ca[m] * b[m][1] for m in range(3)) + ta
        out.append((tuple(coeffs), const % 1))
    return tuple(out)


def show(op):
    parts = []
    for coeffs, const in op:
        s = ''
        for n, c in enumerate(coeffs):
            if c:
                s += ('+' if c > 0 and s else '') + ('-' if c < 0 else '') + 'xyz'[n]
        if const:
            s += '+' + str(const)
        parts.append(s)
    return ','.join(parts)


def main():
    args = sys.argv[1:]
    centres = []
    if '--centre' in args:
        i = args.index('--centre')
        centres = args[i + 1:]
        args = args[:i]
    gens = [parse(g) for g in args] + [parse('x+' + c.split(',')[0] + ',y+' + c.split(',')[1] + ',z+' + c.split(',')[2]) for c in centres]
    group = {parse('x,y,z')}
    frontier = list(group)
    while frontier:
        new = []
        for g in frontier:
            for h in gens:
                p = compose(h, g)
                if p not in group:
                    group.add(p)
                    new.append(p)
        frontier = new
    for op in sorted(group, key=show):
        print(f"'{show(op)}'")
    print(f'# {len(group)} operations', file=sys.stderr)


main()

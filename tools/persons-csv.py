#!/usr/bin/env python3
"""Writes a municipality's file of N residents as Dutch Excel saves it (semicolons, UTF-8 with BOM,
dates as dd-mm-jjjj) for `meedoen import persons`. Deterministic: the same N and seed, the same file.
BSNs pass the 11-test and start at 600000000 (the generated city uses 500000000 and up).
Usage: tools/persons-csv.py N [SEED] > persons.csv"""
import random, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
given = ["Fatima", "Mohamed", "Sanne", "Kevin", "Aylin", "Jeroen", "Priya", "Daan", "Noor", "Ricardo", "Esther", "Youssef", "Lieke", "Milan", "Samira"]
family = ["de Vries", "El Amrani", "Jansen", "Yilmaz", "Bakker", "Martina", "Visser", "Kartosen", "de Boer", "Öztürk", "Smit", "Mulder"]
districts = ["A", "E", "F", "K", "M", "N", "T"]
benefits = ["bijstand"] * 62 + ["ioaw"] * 4 + ["ww"] * 7 + ["wia"] * 4 + ["wajong"] * 6 + ["geen"] * 17
out = sys.stdout
out.write("\ufeffbsn;voornaam;achternaam;geboortedatum;stadsdeel;uitkering;inburgering;email\r\n")
cursor, made = 600000000, 0
while made < n:
    cursor += 1
    d = [int(c) for c in str(cursor)]
    if (sum(d[i] * (9 - i) for i in range(8)) - d[8]) % 11:
        continue
    made += 1
    g = rng.choice(given)
    civic = "plichtig" if rng.random() < 0.08 else "geen"
    out.write(f"{cursor};{g};{rng.choice(family)};{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(1960, 2007)};"
              f"{rng.choice(districts)};{rng.choice(benefits)};{civic};{g.lower()}.{made}@example.org\r\n")

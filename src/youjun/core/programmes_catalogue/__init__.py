"""The entries of the one error catalogue for school party work, clean schools, the vocational
centre, courses and the district overview (E1250–E1349), one module per area so each keeps its
own codes: party organisation E1250–E1269, brands E1270–E1284, clean schools and ethics
E1285–E1299, the vocational centre E1300–E1319, courses E1320–E1334, the overview and building
works E1335–E1349."""

from __future__ import annotations

from youjun.core.programmes_catalogue import brands, courses, integrity, overview, party, vocational

SPECS = (*party.SPECS, *brands.SPECS, *integrity.SPECS, *vocational.SPECS, *courses.SPECS, *overview.SPECS)

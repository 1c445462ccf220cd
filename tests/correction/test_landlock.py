"""Le niveau Landlock + seccomp du confinement (strategie_correction/landlock.py).

Chaque essai lance un Python neuf (``-I -S``) qui charge le module par son chemin, appelle
``restreindre(...)``, tente quelque chose et rend compte en JSON sur sa sortie standard :
le processus des tests, lui, n'est jamais restreint.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

MODULE = Path(__file__).resolve().parents[2] / "lib" / "correction" / "strategie_correction" / "landlock.py"


def _charger():
    spec = importlib.util.spec_from_file_location("landlock_sous_test", MODULE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


landlock = _charger()
RAISON = landlock.indisponible()
ABI = landlock.abi()

confine = pytest.mark.skipif(RAISON is not None, reason=f"niveau Landlock indisponible ici : {RAISON}")
abi6 = pytest.mark.skipif(
    RAISON is None and ABI < 6,
    reason=f"ABI Landlock {ABI} < 6 : les signaux et les sockets abstraites ne sont pas limités au domaine",
)

# Runs in the child before the test's own code: loads the module by path, reads the parameters.
PRELUDE = textwrap.dedent(
    """
    import ctypes, errno, importlib.util, json, os, signal, socket, subprocess, sys, threading
    spec = importlib.util.spec_from_file_location("landlock", sys.argv[1])
    landlock = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(landlock)
    P = json.loads(sys.argv[2])
    R = {}

    def essai(fonction, *args):
        try:
            return {"ok": True, "valeur": fonction(*args)}
        except OSError as exc:
            return {"ok": False, "erreur": type(exc).__name__, "errno": exc.errno}

    def lire(chemin):
        with open(chemin, encoding="utf-8") as f:
            return f.read()

    def ecrire(chemin, texte, mode="w"):
        with open(chemin, mode, encoding="utf-8") as f:
            f.write(texte)
        return True
    """
)
FIN = "\nprint(json.dumps(R))\n"


def executer(code: str, /, **parametres) -> dict:
    """Lance ``code`` dans un Python neuf après le prélude ; rend le dictionnaire R qu'il a rempli."""
    programme = PRELUDE + textwrap.dedent(code) + FIN
    fini = subprocess.run(
        [sys.executable, "-I", "-S", "-c", programme, str(MODULE), json.dumps(parametres)],
        capture_output=True, text=True, timeout=30,
    )
    assert fini.returncode == 0, f"le processus d'essai a échoué (code {fini.returncode}) :\n{fini.stderr}"
    return json.loads(fini.stdout.strip().splitlines()[-1])


def refuse(resultat: dict, erreur: str = "PermissionError", code: int | None = None) -> bool:
    return not resultat["ok"] and resultat["erreur"] == erreur and (code is None or resultat["errno"] == code)


@pytest.fixture
def arbre(tmp_path):
    """lu/ (lecture seule), ecrit/ (écriture), dehors/ (hors des listes), chacun avec un fichier."""
    for nom in ("lu", "ecrit", "dehors"):
        (tmp_path / nom).mkdir()
        (tmp_path / nom / "fichier.txt").write_text(f"contenu de {nom}", encoding="utf-8")
    (tmp_path / "dehors" / "permis.txt").write_text("fichier seul permis", encoding="utf-8")
    return {nom: str(tmp_path / nom) for nom in ("lu", "ecrit", "dehors")} | {"racine": str(tmp_path)}


@pytest.fixture
def dormeur():
    """Un processus ``sleep`` lancé hors du bac à sable, tué à la fin du test."""
    processus = subprocess.Popen(["sleep", "60"])
    yield processus
    processus.kill()
    processus.wait()


def installation_python() -> list[str]:
    """Ce qu'il faut lire pour relancer cet interpréteur : son installation et les bibliothèques du système."""
    chemins = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
               os.path.dirname(os.path.realpath(sys.executable)), os.path.dirname(sys.executable)}
    chemins |= {"/usr", "/lib", "/lib64", "/etc/ld.so.cache"}
    return sorted(chemins)


# -- disponibilité -----------------------------------------------------------------------------------
def test_indisponible_rend_none_ou_une_phrase():
    """indisponible() rend None ou une raison non vide en français, et abi() un entier positif ou nul."""
    raison = landlock.indisponible()
    assert raison is None or (isinstance(raison, str) and raison.strip()), f"raison inattendue : {raison!r}"
    assert isinstance(landlock.abi(), int) and landlock.abi() >= 0, "abi() doit être un entier positif ou nul"
    if raison is None:
        assert landlock.abi() >= 4, "le niveau ne doit être disponible qu'à partir de l'ABI Landlock 4"


def test_import_leger_et_autonome():
    """L'import du module (python -I -S) ne charge que la bibliothèque standard, ni le paquet ni ctypes."""
    code = (
        "import sys, importlib.util\n"
        "avant = set(sys.modules)\n"
        "spec = importlib.util.spec_from_file_location('landlock', sys.argv[1])\n"
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
        "print(' '.join(sorted(set(sys.modules) - avant)))\n"
    )
    fini = subprocess.run([sys.executable, "-I", "-S", "-c", code, str(MODULE)], capture_output=True, text=True,
                          timeout=30)
    assert fini.returncode == 0, f"import impossible :\n{fini.stderr}"
    nouveaux = fini.stdout.split()
    etrangers = [m for m in nouveaux if m.split(".")[0] not in sys.stdlib_module_names]
    assert not etrangers, f"modules hors de la bibliothèque standard importés : {etrangers}"
    assert "ctypes" not in nouveaux, "ctypes ne doit être chargé qu'au premier appel"


def simuler(programme, arch: int, nr: int, arg0: int = 0) -> int:
    """Exécute le filtre BPF classique sur un seccomp_data (petit-boutiste) ; rend la valeur de retour."""
    donnees = {0: nr & 0xFFFFFFFF, 4: arch, 16: arg0 & 0xFFFFFFFF, 20: arg0 >> 32}
    a, pc = 0, 0
    while True:
        code, vrai, faux, k = programme[pc]
        if code == 0x20:
            a = donnees[k]
        elif code == 0x06:
            return k
        else:
            condition = {0x15: a == k, 0x35: a >= k, 0x45: bool(a & k)}[code]
            pc += vrai if condition else faux
        pc += 1


@pytest.mark.parametrize("machine", ["x86_64", "aarch64"])
def test_filtre_bpf_simule(machine):
    """Le filtre seccomp simulé, par architecture : architecture, x32, sockets, clone, refus ; le reste permis."""
    arch, colonne = landlock._ARCHITECTURES[machine]
    programme = landlock._programme(arch, colonne)
    assert len(programme) < 4096 and programme[-1] == (0x06, 0, 0, 0x7FFF0000), "le filtre doit finir par ALLOW"
    for i, (code, vrai, faux, _) in enumerate(programme):
        if code in (0x15, 0x35, 0x45):
            assert i + 1 + max(vrai, faux) < len(programme), f"saut hors du filtre à l'instruction {i}"
    nr = {nom: numeros[colonne] for nom, numeros in landlock._APPELS.items()}
    permis, eperm, enosys, eafnosupport = 0x7FFF0000, 0x50000 | 1, 0x50000 | 38, 0x50000 | 97
    autre = 0x40000003 if machine == "x86_64" else 0xC000003E  # i386 / x86_64 in an aarch64 filter
    assert simuler(programme, autre, 0) == 0x80000000, "une autre architecture doit tuer le processus"
    assert simuler(programme, arch, nr["socket"], 1) == permis, "socket(AF_UNIX) doit être permis"
    assert simuler(programme, arch, nr["socketpair"], 1) == permis, "socketpair(AF_UNIX) doit être permis"
    for famille in (2, 10, 16, 17, 0x100000001):  # INET, INET6, NETLINK, PACKET, AF_UNIX in the high half
        if famille >> 32:
            assert simuler(programme, arch, nr["socket"], famille) == permis, "seuls les 32 bits bas comptent"
        else:
            assert simuler(programme, arch, nr["socket"], famille) == eafnosupport, f"socket({famille}) permis"
            assert simuler(programme, arch, nr["socketpair"], famille) == eafnosupport, f"socketpair({famille})"
    fils = 0x003D0F00  # glibc's pthread_create flags
    assert simuler(programme, arch, nr["clone"], fils) == permis, "clone() d'un fil d'exécution doit être permis"
    assert simuler(programme, arch, nr["clone"], 0x01200011) == permis, "clone() de fork() doit être permis"
    for drapeau in (0x00020000, 0x10000000, 0x20000000, 0x40000000, 0x02000000, 0x04000000, 0x08000000):
        assert simuler(programme, arch, nr["clone"], drapeau | 17) == eperm, f"clone({drapeau:#x}) permis"
    for nom in landlock._REFUS_ENOSYS:
        assert simuler(programme, arch, nr[nom]) == enosys, f"{nom} doit rendre ENOSYS"
    for nom in landlock._REFUS_EPERM:
        if nr[nom] is not None:
            assert simuler(programme, arch, nr[nom]) == eperm, f"{nom} doit rendre EPERM"
    for appel in (0, 1, 2, 3, 56 + 1, 63, 200, 317, 424, 434, 436, 444, 445, 446):
        if appel not in nr.values() or appel in (nr["seccomp"], nr["capset"]):
            assert simuler(programme, arch, appel) == permis, f"l'appel {appel} devrait être permis"
    if machine == "x86_64":
        assert simuler(programme, arch, 0x40000000 | 39) == enosys, "l'ABI x32 doit être refusée"


# -- fichiers ----------------------------------------------------------------------------------------
@confine
def test_lecture_hors_liste_refusee(arbre):
    """Lire ou lister un dossier hors de `lecture` et `ecriture` lève PermissionError (chemins absents ignorés)."""
    r = executer(
        """
        landlock.restreindre([P["lu"], P["racine"] + "/absent", P["lu"] + "/fichier.txt/x"], [P["ecrit"]])
        R["lire"] = essai(lire, P["dehors"] + "/fichier.txt")
        R["lister"] = essai(os.listdir, P["dehors"])
        R["lister_racine"] = essai(os.listdir, P["racine"])
        """,
        **arbre,
    )
    assert refuse(r["lire"]), f"un fichier hors des listes a pu être lu : {r['lire']}"
    assert refuse(r["lister"]), f"un dossier hors des listes a pu être listé : {r['lister']}"
    assert refuse(r["lister_racine"]), f"le dossier parent a pu être listé : {r['lister_racine']}"


@confine
def test_lecture_sous_lecture_permise(arbre):
    """Lire et lister sous `lecture` fonctionne ; une règle sur un fichier seul ne permet que ce fichier."""
    r = executer(
        """
        landlock.restreindre([P["lu"], P["dehors"] + "/permis.txt"], [])
        R["lire"] = essai(lire, P["lu"] + "/fichier.txt")
        R["lister"] = essai(os.listdir, P["lu"])
        R["fichier_seul"] = essai(lire, P["dehors"] + "/permis.txt")
        R["voisin"] = essai(lire, P["dehors"] + "/fichier.txt")
        """,
        **arbre,
    )
    assert r["lire"] == {"ok": True, "valeur": "contenu de lu"}, f"lecture sous `lecture` refusée : {r['lire']}"
    assert r["lister"]["ok"] and r["lister"]["valeur"] == ["fichier.txt"], f"liste refusée : {r['lister']}"
    assert r["fichier_seul"]["ok"], f"le fichier autorisé seul n'a pas pu être lu : {r['fichier_seul']}"
    assert refuse(r["voisin"]), f"le voisin d'un fichier autorisé a pu être lu : {r['voisin']}"


@confine
def test_ecriture_sous_lecture_refusee(arbre):
    """Sous un dossier de `lecture` seule : modifier, créer, tronquer, renommer, supprimer lèvent PermissionError."""
    r = executer(
        """
        landlock.restreindre([P["lu"], P["dehors"] + "/permis.txt"], [P["ecrit"]])
        lu = P["lu"]
        R["ajouter"] = essai(ecrire, lu + "/fichier.txt", "x", "a")
        R["creer"] = essai(ecrire, lu + "/nouveau.txt", "x", "x")
        R["tronquer"] = essai(os.truncate, lu + "/fichier.txt", 0)
        R["dossier"] = essai(os.mkdir, lu + "/sous")
        R["renommer"] = essai(os.rename, lu + "/fichier.txt", lu + "/autre.txt")
        R["supprimer"] = essai(os.unlink, lu + "/fichier.txt")
        R["lien"] = essai(os.symlink, "/etc/passwd", lu + "/lien")
        R["fichier_seul"] = essai(ecrire, P["dehors"] + "/permis.txt", "x", "a")
        R["sortir"] = essai(os.rename, lu + "/fichier.txt", P["ecrit"] + "/vole.txt")
        """,
        **arbre,
    )
    for action, resultat in r.items():
        assert refuse(resultat), f"« {action} » a réussi sous un dossier en lecture seule : {resultat}"
    assert Path(arbre["lu"], "fichier.txt").read_text(encoding="utf-8") == "contenu de lu", "le fichier a changé"
    assert sorted(os.listdir(arbre["lu"])) == ["fichier.txt"], "le dossier en lecture seule a changé"


@confine
def test_ecriture_sous_ecriture_permise(arbre):
    """Sous `ecriture` : créer, écrire, tronquer, renommer (aussi d'un dossier à l'autre), lier, supprimer ; et un fichier seul."""
    r = executer(
        """
        landlock.restreindre([], [P["ecrit"], P["dehors"] + "/permis.txt"])
        e = P["ecrit"]
        R["fichier_seul"] = essai(ecrire, P["dehors"] + "/permis.txt", " et modifié", "a")
        R["creer"] = essai(ecrire, e + "/a.txt", "bonjour", "x")
        R["ajouter"] = essai(ecrire, e + "/a.txt", " !", "a")
        R["relire"] = essai(lire, e + "/a.txt")
        R["renommer"] = essai(os.rename, e + "/a.txt", e + "/b.txt")
        R["dossier"] = essai(os.mkdir, e + "/sous")
        R["deplacer"] = essai(os.rename, e + "/b.txt", e + "/sous/c.txt")
        R["tronquer"] = essai(os.truncate, e + "/sous/c.txt", 3)
        R["lien"] = essai(os.symlink, "c.txt", e + "/sous/lien")
        R["tube"] = essai(os.mkfifo, e + "/tube")
        R["supprimer"] = essai(os.unlink, e + "/sous/c.txt")
        R["supprimer_lien"] = essai(os.unlink, e + "/sous/lien")
        R["supprimer_tube"] = essai(os.unlink, e + "/tube")
        R["supprimer_dossier"] = essai(os.rmdir, e + "/sous")
        R["existant"] = essai(ecrire, e + "/fichier.txt", "remplacé")
        """,
        **arbre,
    )
    for action, resultat in r.items():
        assert resultat["ok"], f"« {action} » a été refusé sous `ecriture` : {resultat}"
    assert r["relire"]["valeur"] == "bonjour !", f"relecture inattendue : {r['relire']}"
    assert sorted(os.listdir(arbre["ecrit"])) == ["fichier.txt"], "il reste des fichiers de l'essai"
    assert Path(arbre["ecrit"], "fichier.txt").read_text(encoding="utf-8") == "remplacé", "écriture perdue"
    assert Path(arbre["dehors"], "permis.txt").read_text(encoding="utf-8").endswith(" et modifié"), "ajout perdu"


# -- réseau -----------------------------------------------------------------------------------------
@confine
def test_connexion_tcp_refusee(arbre):
    """connect() vers un serveur TCP de 127.0.0.1 ouvert par le test échoue, même sur une socket créée avant."""
    serveur = socket.create_server(("127.0.0.1", 0))
    serveur.setblocking(False)
    try:
        r = executer(
            """
            heritee = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            landlock.restreindre([], [P["ecrit"]])
            heritee.settimeout(5)
            R["heritee"] = essai(heritee.connect, ("127.0.0.1", P["port"]))
            R["nouvelle"] = essai(socket.create_connection, ("127.0.0.1", P["port"]), 5)
            """,
            port=serveur.getsockname()[1], **arbre,
        )
        with pytest.raises(BlockingIOError):
            serveur.accept()
    finally:
        serveur.close()
    assert refuse(r["heritee"]), f"connect() TCP (socket héritée) a réussi ou échoué autrement : {r['heritee']}"
    assert not r["nouvelle"]["ok"], f"une nouvelle connexion TCP a réussi : {r['nouvelle']}"


@confine
def test_bind_tcp_refuse(arbre):
    """bind() d'une socket TCP (créée avant la restriction) sur 127.0.0.1 lève PermissionError."""
    r = executer(
        """
        heritee = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        heritee6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        landlock.restreindre([], [P["ecrit"]])
        R["bind"] = essai(heritee.bind, ("127.0.0.1", 0))
        R["bind6"] = essai(heritee6.bind, ("::1", 0))
        """,
        **arbre,
    )
    assert refuse(r["bind"]), f"bind() TCP a réussi ou échoué autrement : {r['bind']}"
    assert not r["bind6"]["ok"], f"bind() TCP IPv6 a réussi : {r['bind6']}"


@confine
def test_socket_udp_refusee(arbre):
    """Créer une socket UDP AF_INET échoue avec EAFNOSUPPORT."""
    r = executer(
        """
        landlock.restreindre([], [P["ecrit"]])
        R["udp"] = essai(lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM) and None)
        """,
        **arbre,
    )
    assert refuse(r["udp"], "OSError", 97), f"une socket UDP a pu être créée : {r['udp']}"


@confine
def test_socket_ipv6_refusee(arbre):
    """Créer une socket AF_INET6 (TCP ou UDP) échoue avec EAFNOSUPPORT."""
    r = executer(
        """
        landlock.restreindre([], [P["ecrit"]])
        R["tcp6"] = essai(lambda: socket.socket(socket.AF_INET6, socket.SOCK_STREAM) and None)
        R["udp6"] = essai(lambda: socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) and None)
        """,
        **arbre,
    )
    for nom, resultat in r.items():
        assert refuse(resultat, "OSError", 97), f"une socket IPv6 ({nom}) a pu être créée : {resultat}"


@confine
def test_autres_familles_refusees(arbre):
    """Les sockets netlink et paquet (et socketpair hors AF_UNIX) échouent avec EAFNOSUPPORT."""
    r = executer(
        """
        libc = ctypes.CDLL(None, use_errno=True)
        landlock.restreindre([], [P["ecrit"]])
        R["netlink"] = essai(lambda: socket.socket(socket.AF_NETLINK, socket.SOCK_RAW) and None)
        R["paquet"] = essai(lambda: socket.socket(socket.AF_PACKET, socket.SOCK_RAW) and None)
        paire = (ctypes.c_int * 2)()
        n = libc.socketpair(socket.AF_INET, socket.SOCK_STREAM, 0, paire)
        R["socketpair_inet"] = {"ok": n == 0, "erreur": "OSError", "errno": ctypes.get_errno()}
        """,
        **arbre,
    )
    for nom, resultat in r.items():
        assert refuse(resultat, "OSError", 97), f"« {nom} » n'a pas été refusé par EAFNOSUPPORT : {resultat}"


@confine
def test_sockets_unix_permises(arbre):
    """socketpair AF_UNIX et une socket Unix nommée dans `ecriture` (transport ipc de ZMQ) fonctionnent."""
    r = executer(
        """
        landlock.restreindre([], [P["ecrit"]])
        def paire():
            a, b = socket.socketpair()
            a.sendall(b"ping")
            return b.recv(4).decode()
        def nommee():
            chemin = P["ecrit"] + "/kernel-ipc-1"
            serveur = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            serveur.bind(chemin)
            serveur.listen(1)
            client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            client.connect(chemin)
            accepte, _ = serveur.accept()
            client.sendall(b"pong")
            texte = accepte.recv(4).decode()
            os.unlink(chemin)
            return texte
        R["paire"] = essai(paire)
        R["nommee"] = essai(nommee)
        """,
        **arbre,
    )
    assert r["paire"] == {"ok": True, "valeur": "ping"}, f"socketpair AF_UNIX ne fonctionne pas : {r['paire']}"
    assert r["nommee"] == {"ok": True, "valeur": "pong"}, f"la socket Unix nommée ne fonctionne pas : {r['nommee']}"


@confine
@abi6
def test_socket_abstraite_hors_domaine_refusee(arbre):
    """connect() vers une socket Unix abstraite ouverte par le test échoue ; une abstraite du domaine fonctionne."""
    nom = f"\0strategie-landlock-{uuid.uuid4().hex}"
    serveur = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    serveur.bind(nom)
    serveur.listen(1)
    try:
        r = executer(
            """
            landlock.restreindre([], [P["ecrit"]])
            R["dehors"] = essai(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).connect, P["nom"])
            def dedans():
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.bind(P["nom"] + "-dedans")
                s.listen(1)
                socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).connect(P["nom"] + "-dedans")
                return True
            R["dedans"] = essai(dedans)
            """,
            nom=nom, **arbre,
        )
    finally:
        serveur.close()
    assert refuse(r["dehors"]), f"connexion à une socket abstraite hors du domaine : {r['dehors']}"
    assert r["dedans"]["ok"], f"une socket abstraite du domaine ne fonctionne pas : {r['dedans']}"


# -- processus ---------------------------------------------------------------------------------------
@confine
@abi6
def test_signal_hors_domaine_refuse(arbre, dormeur):
    """os.kill() d'un `sleep` lancé par le test hors du bac à sable lève PermissionError ; il survit."""
    r = executer(
        """
        landlock.restreindre([], [P["ecrit"]])
        R["kill"] = essai(os.kill, P["pid"], signal.SIGTERM)
        R["soi"] = essai(os.kill, os.getpid(), 0)
        """,
        pid=dormeur.pid, **arbre,
    )
    assert refuse(r["kill"]), f"le signal vers un processus hors du domaine est passé : {r['kill']}"
    assert r["soi"]["ok"], f"un signal à soi-même a été refusé : {r['soi']}"
    assert dormeur.poll() is None, "le processus hors du bac à sable a été tué"


@confine
def test_proc_autre_processus_refuse(arbre, dormeur):
    """/proc/<pid>/environ et /proc/<pid>/cwd d'un `sleep` du test sont refusés, même avec /proc en lecture."""
    r = executer(
        """
        landlock.restreindre(["/proc"], [P["ecrit"]])
        pid = P["pid"]
        R["environ"] = essai(lambda: open(f"/proc/{pid}/environ", "rb").read() and None)
        R["cwd"] = essai(os.readlink, f"/proc/{pid}/cwd")
        R["soi"] = essai(lambda: len(open("/proc/self/environ", "rb").read()) >= 0)
        """,
        pid=dormeur.pid, **arbre,
    )
    assert refuse(r["environ"]), f"/proc/<pid>/environ d'un autre processus a pu être lu : {r['environ']}"
    assert refuse(r["cwd"]), f"/proc/<pid>/cwd d'un autre processus a pu être lu : {r['cwd']}"
    assert r["soi"]["ok"], f"/proc/self/environ devrait rester lisible (/proc est en lecture) : {r['soi']}"


@confine
def test_unshare_refuse(arbre):
    """unshare(CLONE_NEWUSER) (et d'autres espaces de noms) échoue avec EPERM."""
    r = executer(
        """
        libc = ctypes.CDLL(None, use_errno=True)
        landlock.restreindre([], [P["ecrit"]])
        def partager(drapeaux):
            if hasattr(os, "unshare"):
                return os.unshare(drapeaux)
            if libc.unshare(drapeaux) != 0:
                e = ctypes.get_errno()
                raise OSError(e, os.strerror(e))
        R["user"] = essai(partager, 0x10000000)
        R["mount_net"] = essai(partager, 0x00020000 | 0x40000000)
        """,
        **arbre,
    )
    for nom, resultat in r.items():
        assert refuse(resultat, code=1), f"unshare ({nom}) n'a pas été refusé par EPERM : {resultat}"


@confine
def test_clone_espace_de_noms_refuse(arbre):
    """clone() avec CLONE_NEWUSER échoue (EPERM), clone3 rend ENOSYS, os.fork() fonctionne toujours."""
    r = executer(
        """
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        numeros = {"x86_64": (56, 435), "aarch64": (220, 435)}[os.uname().machine]
        landlock.restreindre([], [P["ecrit"]])
        def appel(*args):
            n = libc.syscall(*(ctypes.c_long(a) for a in args))
            if n == 0:
                os._exit(0)  # in the (unexpected) child
            if n > 0:
                os.waitpid(n, 0)
                return n
            e = ctypes.get_errno()
            raise OSError(e, os.strerror(e))
        R["clone_user"] = essai(appel, numeros[0], 0x10000000 | signal.SIGCHLD, 0, 0, 0, 0)
        attributs = (ctypes.c_uint64 * 11)()
        attributs[4] = signal.SIGCHLD
        R["clone3"] = essai(appel, numeros[1], ctypes.addressof(attributs), ctypes.sizeof(attributs))
        def fourche():
            pid = os.fork()
            if pid == 0:
                os._exit(7)
            return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        R["fork"] = essai(fourche)
        """,
        **arbre,
    )
    assert refuse(r["clone_user"], code=1), f"clone(CLONE_NEWUSER) n'a pas été refusé par EPERM : {r['clone_user']}"
    assert refuse(r["clone3"], "OSError", 38), f"clone3 n'a pas rendu ENOSYS : {r['clone3']}"
    assert r["fork"] == {"ok": True, "valeur": 7}, f"os.fork() ne fonctionne plus : {r['fork']}"


@confine
def test_io_uring_enosys(arbre):
    """io_uring_setup (et enter, register) rendent ENOSYS."""
    r = executer(
        """
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        landlock.restreindre([], [P["ecrit"]])
        def appel(*args):
            n = libc.syscall(*(ctypes.c_long(a) for a in args))
            if n >= 0:
                os.close(n) if args[0] == 425 else None
                return n
            e = ctypes.get_errno()
            raise OSError(e, os.strerror(e))
        parametres = ctypes.create_string_buffer(120)
        R["setup"] = essai(appel, 425, 4, ctypes.addressof(parametres))
        R["enter"] = essai(appel, 426, 0, 0, 0, 0, 0, 0)
        R["register"] = essai(appel, 427, 0, 0, 0, 0)
        """,
        **arbre,
    )
    for nom, resultat in r.items():
        assert refuse(resultat, "OSError", 38), f"io_uring_{nom} n'a pas rendu ENOSYS : {resultat}"


@confine
def test_fils_execution_apres_restriction(arbre):
    """Un fil d'exécution démarré après restreindre fonctionne (clone3 refusé, la glibc revient à clone)."""
    r = executer(
        """
        landlock.restreindre([], [P["ecrit"]])
        def fil():
            sortie = []
            t = threading.Thread(target=lambda: sortie.append(threading.get_native_id()))
            t.start()
            t.join()
            return sortie[0] != threading.get_native_id()
        R["fil"] = essai(fil)
        """,
        **arbre,
    )
    assert r["fil"] == {"ok": True, "valeur": True}, f"impossible de démarrer un fil d'exécution : {r['fil']}"


@confine
def test_refus_si_plusieurs_fils(arbre):
    """Avec un second fil déjà démarré, restreindre lève OSError et n'applique rien (aucune étape partielle)."""
    r = executer(
        """
        arret = threading.Event()
        threading.Thread(target=arret.wait).start()
        R["restreindre"] = essai(landlock.restreindre, [], [P["ecrit"]])
        arret.set()
        R["lire"] = essai(lire, P["dehors"] + "/fichier.txt")
        R["udp"] = essai(lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close())
        R["nnp"] = [l for l in lire("/proc/self/status").splitlines() if l.startswith(("NoNewPrivs", "Seccomp:"))]
        """,
        **arbre,
    )
    assert not r["restreindre"]["ok"], "restreindre aurait dû refuser un processus à plusieurs fils"
    assert r["lire"]["ok"] and r["udp"]["ok"], f"une partie du confinement a été appliquée : {r}"
    assert sorted(r["nnp"]) == ["NoNewPrivs:\t0", "Seccomp:\t0"], f"no_new_privs ou seccomp appliqué : {r['nnp']}"


@confine
def test_sous_processus_reste_confine(arbre):
    """Un processus lancé après restreindre reste confiné : fichiers, réseau, capacités, no_new_privs, seccomp."""
    petit_fils = textwrap.dedent(
        """
        import json, socket, sys
        r = {}
        try:
            open(sys.argv[1]).read()
            r["lire"] = "lu"
        except PermissionError:
            r["lire"] = "refus"
        try:
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            r["udp"] = "cree"
        except OSError as e:
            r["udp"] = e.errno
        r["statut"] = [l for l in open("/proc/self/status").read().splitlines()
                       if l.startswith(("NoNewPrivs", "Seccomp:", "CapPrm", "CapEff"))]
        print(json.dumps(r))
        """
    )
    r = executer(
        """
        landlock.restreindre(P["lecture"], [P["ecrit"]])
        fini = subprocess.run([sys.executable, "-I", "-S", "-c", P["code"], P["dehors"] + "/fichier.txt"],
                              capture_output=True, text=True)
        R["code"] = fini.returncode
        R["sortie"] = fini.stdout
        R["erreurs"] = fini.stderr[-2000:]
        """,
        lecture=installation_python() + ["/proc"], code=petit_fils, **arbre,
    )
    assert r["code"] == 0, f"le sous-processus n'a pas pu s'exécuter : {r['erreurs']}"
    petit = json.loads(r["sortie"])
    assert petit["lire"] == "refus", f"le sous-processus a pu lire hors des listes : {petit}"
    assert petit["udp"] == 97, f"le sous-processus a pu créer une socket UDP : {petit}"
    attendu = ["CapEff:\t0000000000000000", "CapPrm:\t0000000000000000", "NoNewPrivs:\t1", "Seccomp:\t2"]
    assert sorted(petit["statut"]) == attendu, f"capacités, no_new_privs ou seccomp inattendus : {petit['statut']}"


@confine
def test_double_application_resserre(arbre):
    """Un second restreindre ne rend rien de ce que le premier a retiré, et retire ce qu'il omet."""
    r = executer(
        """
        landlock.restreindre([P["lu"], P["dehors"]], [P["ecrit"]])
        R["avant_lire_dehors"] = essai(lire, P["dehors"] + "/fichier.txt")
        # Second call: tries to make dehors/ writable, and leaves lu/ and ecrit/ out.
        landlock.restreindre([], [P["dehors"]])
        R["ecrire_dehors"] = essai(ecrire, P["dehors"] + "/nouveau.txt", "x", "x")
        R["lire_dehors"] = essai(lire, P["dehors"] + "/fichier.txt")
        R["lire_lu"] = essai(lire, P["lu"] + "/fichier.txt")
        R["ecrire_ecrit"] = essai(ecrire, P["ecrit"] + "/nouveau.txt", "x", "x")
        R["udp"] = essai(lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM) and None)
        """,
        **arbre,
    )
    assert r["avant_lire_dehors"]["ok"], f"le premier appel devait permettre de lire dehors/ : {r}"
    assert refuse(r["ecrire_dehors"]), f"le second appel a rendu dehors/ inscriptible : {r['ecrire_dehors']}"
    assert r["lire_dehors"]["ok"], f"dehors/ devrait rester lisible (permis par les deux appels) : {r}"
    assert refuse(r["lire_lu"]), f"lu/ devrait être devenu illisible : {r['lire_lu']}"
    assert refuse(r["ecrire_ecrit"]), f"ecrit/ devrait être devenu non inscriptible : {r['ecrire_ecrit']}"
    assert refuse(r["udp"], "OSError", 97), f"le filtre seccomp ne tient plus : {r['udp']}"

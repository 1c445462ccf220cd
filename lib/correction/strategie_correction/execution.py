"""Exécution isolée d'un carnet d'élève par nbgrader (préprocesseur ``Execute`` adapté).

Par rapport à ``nbgrader.preprocessors.Execute`` :

* le noyau est lancé par ``lanceur.py`` au niveau d'isolation choisi
  (bubblewrap, Landlock), joint par des prises ZMQ IPC dans un dossier qui
  n'est qu'à lui, et interrompu par message (un signal n'atteindrait que
  bubblewrap) ;
* une cellule « canari », qui doit échouer, passe avant chaque cellule de
  tests et à la fin ; la réponse de chaque cellule est comparée à ses
  sorties. Un noyau truqué (transformateur d'entrée, gestionnaire
  d'exceptions, trace effacée) est ainsi détecté : les tests qui suivent
  valent 0 et l'événement ``noyau_truque`` est noté ;
* une cellule qui dépasse le délai est interrompue et la suite du carnet
  continue (les autres questions sont notées) ;
* si le noyau meurt (``os._exit``, plantage, mémoire), les cellules déjà
  exécutées gardent leur résultat et les suivantes sont marquées « non
  exécutées » ; nbgrader, lui, abandonnerait tout le carnet ;
* la sortie d'une cellule est bornée pendant l'exécution ;
* chaque événement est noté dans ``EVENEMENTS`` pour le statut de la soumission.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import time
from pathlib import Path
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from nbclient.client import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_output
from jupyter_core.utils import run_sync
from traitlets import DottedObjectName, Dict, Integer, Type, Unicode

from nbgrader.preprocessors import Execute

# Filled during one autograde, read then emptied by the worker (one notebook at a time per process).
EVENEMENTS: list[dict] = []
# At most one kernel, started by the worker for its next notebook while the current one runs.
NOYAU_D_AVANCE: list = []

LANCEUR = str(Path(__file__).with_name("lanceur.py"))

MESSAGE_TRUQUE = (
    "test non compté : plus haut, le code a modifié le noyau pour que les tests ne puissent plus échouer "
    "(transformateur d'entrée, gestionnaire d'exceptions ou trace effacée)"
)
_DOCSTRING_NEUTRE = '"""Vérifie la réponse."""'


def est_test(cellule) -> bool:
    """Vrai pour une cellule de tests notée (code, ``grade`` sans ``solution``)."""
    meta = cellule.get("metadata", {}).get("nbgrader", {}) or {}
    return cellule.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


class ClientNoyau(AsyncKernelClient):
    """Client de noyau qui garde la réponse à ``kernel_info`` et ne vide pas IOPub pendant 0,2 s.

    jupyter_client attend, après la première réponse, 0,2 s de silence sur IOPub : inutile ici,
    nbclient ne garde que les messages de la cellule qu'il exécute (filtrés par ``parent_header``).
    """

    info_noyau: dict | None = None

    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        echeance = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                msg = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                pass
            else:
                if msg["msg_type"] == "kernel_info_reply":
                    # IOPub is subscribed once the status of this request reaches it; if not, start over.
                    try:
                        await self.iopub_channel.get_msg(timeout=0.2)
                    except Empty:
                        pass
                    else:
                        self._handle_kernel_info_reply(msg)
                        self.info_noyau = msg["content"]
                        return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > echeance:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")


def noyau_de_correction(commande: list[str]) -> list[str]:
    """La commande d'un noyau IPython avec des traces simples (``xmode`` Plain).

    Par défaut (Context), IPython analyse et colore le source de chaque cadre d'une trace (stack_data,
    pygments) : un quart du calcul d'un noyau de correction, canaris compris, surtout pour importer
    ces outils à la première erreur. Plain garde chaque cadre, sa ligne et son numéro (le formateur lit
    la vraie trace) pour un vingtième du coût ; l'élève, lui, ne voit que le message (voir retour.py).

    >>> noyau_de_correction(["python", "-m", "ipykernel_launcher", "-f", "c.json"])[-1]
    '--InteractiveShell.xmode=Plain'
    >>> noyau_de_correction(["julia", "noyau.jl"])
    ['julia', 'noyau.jl']
    """
    if any(morceau == "ipykernel_launcher" or morceau.endswith("ipykernel") for morceau in commande):
        return [*commande, "--InteractiveShell.xmode=Plain"]
    return list(commande)


class GestionnaireNoyau(AsyncKernelManager):
    """Gestionnaire de noyau : lanceur isolé, prises IPC privées, interruption par message."""

    reglages_json = Unicode("").tag(config=False)
    client_class = DottedObjectName("strategie_correction.execution.ClientNoyau")
    client_factory = Type(klass=ClientNoyau)

    def format_kernel_cmd(self, extra_arguments=None):
        commande = noyau_de_correction(super().format_kernel_cmd(extra_arguments))
        if not self.reglages_json:
            return commande
        return [sys.executable, "-I", "-S", LANCEUR, self.reglages_json, "--", *commande]

    async def _async_interrupt_kernel(self):
        # A signal would reach the launcher or bwrap, not the kernel: ask the kernel itself.
        if not self.has_kernel:
            return
        self._connect_control_socket()
        self.session.send(self._control_socket, self.session.msg("interrupt_request", content={}))

    interrupt_kernel = _async_interrupt_kernel


def _erreur(nom: str, message: str) -> NotebookNode:
    return new_output("error", ename=nom, evalue=message, traceback=[f"{nom} : {message}"])


def _entete(cellule) -> str:
    """La première ligne (docstring) d'une cellule de tests, pour qu'un canari lui ressemble."""
    premiere = (cellule.source.strip().splitlines() or [""])[0] if cellule is not None else ""
    for guillemets in ('"""', "'''"):
        if premiere.startswith(guillemets) and premiere.endswith(guillemets) and len(premiere) > 6:
            return premiere
    return _DOCSTRING_NEUTRE


class ExecutionConfinee(Execute):
    """``Execute`` de nbgrader, isolé et robuste (voir le module)."""

    reglages_json = Unicode("", help="Réglages du lanceur de noyau (JSON), vide : noyau ordinaire.").tag(config=True)
    limite_sortie = Integer(1_000_000, help="Octets de sortie gardés par cellule.").tag(config=True)
    error_on_timeout = Dict(
        default_value={
            "ename": "DelaiDepasse",
            "evalue": "la cellule a dépassé le temps permis et a été interrompue (boucle infinie ?)",
            "traceback": ["DelaiDepasse : la cellule a dépassé le temps permis et a été interrompue (boucle infinie ?)"],
        },
    ).tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", GestionnaireNoyau)
        super().__init__(*args, **kwargs)
        self._octets, self._tronquee = 0, False
        self._reponses: dict[int, dict] = {}
        self._truque: str | None = None

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        if isinstance(km, GestionnaireNoyau) and self.reglages_json:
            km.reglages_json = self.reglages_json
            # Sockets in a directory of this kernel alone: no TCP port to collide on or to listen to.
            km.transport = "ipc"
            km.ip = os.path.join(json.loads(self.reglages_json)["prises"], "noyau")
        return km

    def _prendre_noyau_d_avance(self, nb):
        """Le noyau démarré d'avance pour ce carnet (voir :func:`demarrer_d_avance`), s'il convient."""
        if not NOYAU_D_AVANCE:
            return None
        km = NOYAU_D_AVANCE.pop()
        attendu = nb.metadata.get("kernelspec", {}).get("name") or self.kernel_name
        if km.reglages_json == self.reglages_json and km.kernel_name == attendu and run_sync(km.is_alive)():
            return km
        arreter_noyau(km)
        return None

    def _evenement(self, genre: str, index: int, **details) -> None:
        cellule = self.nb.cells[index] if 0 <= index < len(self.nb.cells) else {}
        gid = cellule.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        EVENEMENTS.append({"genre": genre, "cellule": gid or f"cellule {index + 1}", **details})

    async def _check_raise_for_error(self, cell, cell_index, exec_reply):
        if exec_reply is not None:
            self._reponses[cell_index] = exec_reply.get("content", {})
        return await super()._check_raise_for_error(cell, cell_index, exec_reply)

    # -- in-kernel cheating ---------------------------------------------------------------------------------
    def _canari(self, modele, resources) -> str | None:
        """Exécute une cellule qui doit échouer ; None si elle a échoué comme prévu, sinon ce qui cloche."""
        jeton = f"c{secrets.token_hex(8)}"
        cellule = new_code_cell(f'{_entete(modele)}\nassert False, "{jeton}"')
        index = len(self.nb.cells)
        self.nb.cells.append(cellule)
        try:
            self.preprocess_cell(cellule, resources, index)
        except (DeadKernelError, CellTimeoutError):
            return None  # the real cells will meet the same fate and say so
        finally:
            self.nb.cells.pop()
        reponse = self._reponses.pop(index, {})
        if reponse.get("status") != "error" or reponse.get("evalue") != jeton:
            return "une cellule qui devait échouer a réussi"
        if not any(s.get("output_type") == "error" and s.get("evalue") == jeton for s in cellule.outputs):
            return "l'erreur d'une cellule n'a pas été affichée"
        return None

    def _truquer(self, index: int, raison: str) -> None:
        if self._truque is None:
            self._truque = raison
            self._evenement("noyau_truque", index, raison=raison)

    def _annuler_tests(self, depuis: int = 0) -> None:
        for cellule in self.nb.cells[depuis:]:
            if est_test(cellule):
                cellule.outputs = [_erreur("NoyauTruque", MESSAGE_TRUQUE)]

    # -- the run ----------------------------------------------------------------------------------------------
    def preprocess(self, nb, resources=None, km=None):
        km = km or self._prendre_noyau_d_avance(nb)
        NotebookClient.__init__(self, nb, km)
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        self._reponses, self._truque = {}, None
        arret = None
        # A kernel started ahead is ours too: shut it down at the end like one started here.
        with self.setup_kernel(cleanup_kc=True):
            info = getattr(self.kc, "info_noyau", None) or self.wait_for_reply(self.kc.kernel_info())["content"]
            self.nb.metadata["language_info"] = info["language_info"]
            for index, cellule in enumerate(self.nb.cells):
                if cellule.cell_type != "code" or not cellule.source.strip():
                    continue
                if arret is not None:
                    cellule.outputs = [_erreur("NonExecutee", arret)]
                    continue
                test = est_test(cellule)
                if test and self._truque is None:
                    raison = self._canari(cellule, resources)
                    if raison:
                        self._truquer(index, raison)
                if test and self._truque is not None:
                    cellule.outputs = [_erreur("NoyauTruque", MESSAGE_TRUQUE)]
                    continue
                arret = self._executer_cellule(cellule, resources, index)
                if self._truque is not None and test:
                    cellule.outputs = [_erreur("NoyauTruque", MESSAGE_TRUQUE)]
            if arret is None and self._truque is None:
                raison = self._canari(None, resources)
                if raison:
                    # Tampering that spared the canaries before each test but not the last one.
                    self._truquer(len(self.nb.cells) - 1, raison)
                    self._annuler_tests()
        self.set_widgets_metadata()
        return self.nb, self.resources

    def _executer_cellule(self, cellule, resources, index: int) -> str | None:
        """Exécute une cellule ; renvoie la raison d'arrêter le carnet, ou None."""
        self._octets, self._tronquee = 0, False
        try:
            self.preprocess_cell(cellule, resources, index)
        except DeadKernelError:
            cellule.outputs.append(_erreur(
                "NoyauArrete",
                "le noyau Python s'est arrêté pendant cette cellule (os._exit, plantage ou mémoire épuisée)",
            ))
            self._evenement("noyau_arrete", index)
            return "cellule non exécutée : le noyau Python s'est arrêté plus haut"
        except CellTimeoutError:
            # The interrupt did not bring the kernel back: nothing after this cell can run.
            cellule.outputs.append(_erreur(
                "DelaiDepasse", "la cellule a dépassé le temps permis et le noyau ne répond plus",
            ))
            self._evenement("delai_bloque", index)
            return "cellule non exécutée : le noyau ne répondait plus après un dépassement de délai"
        noms = {s.get("ename") for s in cellule.outputs if s.get("output_type") == "error"}
        if self._reponses.get(index, {}).get("status") == "error" and not noms:
            # The kernel says the cell failed, yet no error reached its outputs: it was hidden.
            self._truquer(index, "l'erreur d'une cellule a été effacée ou masquée")
        if "DelaiDepasse" in noms:
            self._evenement("delai", index)
        if "MemoryError" in noms:
            self._evenement("memoire", index)
        return None

    def output(self, outs, msg, display_id, cell_index):
        contenu = msg.get("content", {})
        if msg.get("msg_type") == "stream":
            taille = len(contenu.get("text", ""))
        else:
            taille = sum(len(str(v)) for v in (contenu.get("data") or {}).values()) + len(str(contenu.get("traceback", "")))
        reste = self.limite_sortie - self._octets
        self._octets += taille
        if taille <= reste:
            return super().output(outs, msg, display_id, cell_index)
        if not self._tronquee:
            self._tronquee = True
            self._evenement("sortie", cell_index, limite=self.limite_sortie)
            if msg.get("msg_type") == "stream" and reste > 0:
                outs.append(new_output("stream", name=contenu.get("name", "stdout"), text=contenu["text"][:reste]))
            outs.append(new_output(
                "stream", name="stdout",
                text=f"\n[… sortie tronquée : cette cellule a écrit plus de {self.limite_sortie // 1000} Ko …]\n",
            ))
        return None


def demarrer_d_avance(config, reglages_json: str, kernel_name: str = "python3") -> GestionnaireNoyau:
    """Démarre, sans l'attendre, le noyau du prochain carnet, dans sa propre isolation (``reglages_json``).

    Il démarre pendant que le carnet en cours s'exécute ; :class:`ExecutionConfinee` le prend ensuite
    s'il a les mêmes réglages et le même noyau que le carnet, sinon il l'arrête et en démarre un.
    Même commande, mêmes arguments qu'un noyau démarré par nbclient.
    """
    client = ExecutionConfinee(config=config, reglages_json=reglages_json)
    client.nb, client.resources = NotebookNode(metadata={"kernelspec": {"name": kernel_name}}), {}
    client.km = client.create_kernel_manager()
    client.start_new_kernel()
    return client.km


def arreter_noyau(km) -> None:
    """Arrête tout de suite un noyau démarré d'avance et jamais utilisé."""
    try:
        if run_sync(km.is_alive)():
            run_sync(km.shutdown_kernel)(now=True)
    except RuntimeError:
        pass
    finally:
        run_sync(km.cleanup_resources)()

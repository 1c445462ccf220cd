"""Pour le serveur Jupyter du cours : ouvrir une leçon ne la marque pas « modifiée » (●).

Pourquoi : dès que le noyau démarre, JupyterLab recopie dans le carnet la description du
langage que donne le noyau (``language_info``, avec la version exacte de Python, « 3.11.7 »).
Un carnet enregistré ailleurs (ou normalisé par ``tools/carnets.py``, qui ne peut pas
connaître la version de chaque apprenant) en diffère : le carnet devient « modifié » sans
que l'apprenant ait rien fait, et le fermer demande d'enregistrer.

``GestionnaireCarnets`` sert donc chaque carnet Python avec la ``language_info`` du noyau
de cet environnement : celle que JupyterLab écrirait. Le fichier sur le disque n'est pas
touché. ``tools/configurer_jupyterlab.py`` l'installe (``ServerApp.contents_manager_class``).
"""

from __future__ import annotations

import copy
import functools

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

__all__ = ["GestionnaireCarnets", "completer_language_info", "language_info_du_noyau"]


@functools.lru_cache(maxsize=1)
def language_info_du_noyau() -> dict:
    """La ``language_info`` que le noyau Python de cet environnement (ipykernel) annonce."""
    from ipykernel.ipkernel import IPythonKernel  # chargé au premier carnet seulement

    return copy.deepcopy(IPythonKernel.language_info)


def completer_language_info(carnet, language_info: dict | None = None) -> bool:
    """Met dans un carnet Python la ``language_info`` du noyau ; renvoie True s'il a changé.

    Un carnet d'un autre langage (ou d'un autre noyau que ``python3``) est laissé tel quel.
    """
    meta = carnet.get("metadata")
    if not isinstance(meta, dict):
        return False
    noyau = meta.get("kernelspec") or {}
    langage = meta.get("language_info") or {}
    if noyau.get("name", "python3") != "python3" or langage.get("name", "python") != "python":
        return False
    info = language_info if language_info is not None else language_info_du_noyau()
    if langage == info:
        return False
    meta["language_info"] = copy.deepcopy(info)
    return True


class GestionnaireCarnets(AsyncLargeFileManager):
    """Le gestionnaire de fichiers par défaut de Jupyter, qui sert les carnets Python à jour (voir le module)."""

    async def get(self, path, content=True, type=None, format=None, **kwargs):
        modele = await super().get(path, content=content, type=type, format=format, **kwargs)
        if modele.get("type") == "notebook" and modele.get("content") is not None:
            try:
                completer_language_info(modele["content"])
            except Exception:  # ne jamais empêcher un carnet de s'ouvrir
                self.log.warning("language_info du noyau non ajoutée à %s", path, exc_info=True)
        return modele
